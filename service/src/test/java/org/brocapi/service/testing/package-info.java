/**
 * Test fixtures: a real rsyslogd on free loopback ports ({@code RsyslogReceiver}) and Zeek-style
 * log files with known lines ({@code ZeekLogFixture}).
 */
package org.brocapi.service.testing;
