package org.brocapi.analyzer.protocol.dcerpc;

import static org.assertj.core.api.Assertions.assertThat;

import org.brocapi.analyzer.bytes.Hex;
import org.junit.jupiter.api.Test;

class DceRpcCodesTest {
    @Test
    void uuidIsPrintedAsALittleEndianGuid() {
        byte[] wire = Hex.bytes(DceRpcFixtures.NETLOGON_UUID);
        assertThat(DceRpcCodes.uuidString(wire, 0)).isEqualTo("12345678-1234-abcd-ef00-01234567cffb");
    }

    @Test
    void knownInterfacesAndOperations() {
        assertThat(DceRpcCodes.endpoint("12345678-1234-abcd-ef00-01234567cffb")).isEqualTo("netlogon");
        assertThat(DceRpcCodes.operation("12345678-1234-abcd-ef00-01234567cffb", 45))
                .isEqualTo("NetrLogonSamLogonWithFlags");
        assertThat(DceRpcCodes.endpoint("e1af8308-5d1f-11c9-91a4-08002b14a0fa")).isEqualTo("epmapper");
        assertThat(DceRpcCodes.operation("e1af8308-5d1f-11c9-91a4-08002b14a0fa", 3)).isEqualTo("ept_map");
    }

    @Test
    void unknownOnesUseZeeksFallbacks() {
        assertThat(DceRpcCodes.endpoint("00000000-1111-2222-3333-444444444444"))
                .isEqualTo("unknown-00000000-1111-2222-3333-444444444444");
        assertThat(DceRpcCodes.operation("12345678-1234-abcd-ef00-01234567cffb", 999)).isEqualTo("unknown-999");
        assertThat(DceRpcCodes.operation(null, 3)).isEqualTo("unknown-3");
    }

    @Test
    void pipeNamesAreNormalized() {
        assertThat(DceRpcCodes.normalizePipe("\\PIPE\\WinReg")).isEqualTo("winreg");
        assertThat(DceRpcCodes.normalizePipe("\\pipe\\lsass")).isEqualTo("lsass");
        assertThat(DceRpcCodes.normalizePipe("49676")).isEqualTo("49676");
        assertThat(DceRpcCodes.pipeUuid("srvsvc")).isEqualTo("4b324fc8-1670-01d3-1278-5a47bf6ee188");
    }

    @Test
    void ignoredOperations() {
        assertThat(DceRpcCodes.ignored("winreg", "BaseRegCloseKey")).isTrue();
        assertThat(DceRpcCodes.ignored("winreg", "BaseRegSetValue")).isFalse();
        assertThat(DceRpcCodes.ignored("netlogon", "NetrLogonSamLogonWithFlags")).isFalse();
    }
}
