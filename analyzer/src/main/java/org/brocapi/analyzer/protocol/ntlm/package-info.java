/**
 * NTLM authentication messages (MS-NLMP §2.2.1) handed over by other analyzers (DCE/RPC auth
 * verifiers), as Zeek's NTLM analyzer parses them, and ntlm.log.
 */
package org.brocapi.analyzer.protocol.ntlm;
