/**
 * Connection-oriented DCE/RPC (C706 chapter 12, MS-RPCE) as Zeek's DCE_RPC analyzer sees it:
 * PDU framing, fragment reassembly, binds and calls for dce_rpc.log, auth verifiers to NTLM.
 */
package org.brocapi.analyzer.protocol.dcerpc;
