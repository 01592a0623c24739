/**
 * SMB over NetBIOS session framing (139/445): SMB2 CREATE/READ/WRITE/CLOSE as far as Zeek's
 * base/protocols/smb scripts need them to name files and hand READ/WRITE data to the files framework.
 */
package org.brocapi.analyzer.protocol.smb;
