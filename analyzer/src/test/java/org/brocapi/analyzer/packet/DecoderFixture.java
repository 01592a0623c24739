package org.brocapi.analyzer.packet;

import org.brocapi.analyzer.pcap.CapturedPacket;
import org.brocapi.analyzer.pcap.LinkType;

/** Feeds frames to one decoder the way a capture reader would. */
final class DecoderFixture {
    final PacketDecoder decoder;
    final Packet out = new Packet();
    final CapturedPacket cap = new CapturedPacket();
    double ts = 1_700_000_000;

    DecoderFixture(boolean verify) {
        decoder = new PacketDecoder(verify);
    }

    DecodeResult decode(byte[] frame) {
        return decode(LinkType.ETHERNET, frame, frame.length, frame.length);
    }

    DecodeResult decode(int linkType, byte[] frame) {
        return decode(linkType, frame, frame.length, frame.length);
    }

    /** Decodes the first {@code capLen} bytes of a frame that was {@code wireLen} long on the wire. */
    DecodeResult decode(int linkType, byte[] frame, int capLen, int wireLen) {
        // put the frame at an offset inside a larger buffer, as readers do
        byte[] buf = new byte[frame.length + 100];
        System.arraycopy(frame, 0, buf, 37, frame.length);
        cap.data = buf;
        cap.offset = 37;
        cap.capLen = capLen;
        cap.wireLen = wireLen;
        cap.linkType = linkType;
        cap.ts = ts;
        ts += 0.001;
        return decoder.decode(cap, out);
    }

    String payloadString() {
        return new String(out.payload, out.payloadOffset, out.payloadCapLen, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    java.util.List<String> packetWeirds() {
        return java.util.Arrays.asList(out.packetWeirds).subList(0, out.packetWeirdCount);
    }
}
