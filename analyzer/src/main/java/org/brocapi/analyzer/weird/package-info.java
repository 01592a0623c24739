/**
 * Weirds: anomalies named as Zeek names them, sampled as Zeek's reporter samples them, and
 * filtered and written to weird.log as base/frameworks/notice/weird.zeek does.
 */
package org.brocapi.analyzer.weird;
