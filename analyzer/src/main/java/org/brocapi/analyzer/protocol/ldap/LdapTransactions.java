package org.brocapi.analyzer.protocol.ldap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongFunction;

import org.brocapi.analyzer.conn.ConnId;
import org.brocapi.analyzer.conn.Connection;
import org.brocapi.analyzer.log.LogStream;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.script.ZeekDictionary;

/**
 * The pending operations of one connection and how they become ldap.log and ldap_search.log rows:
 * base/protocols/ldap/main.zeek's {@code LDAP::message}, {@code bind_request},
 * {@code search_request} and {@code search_result_entry} handlers and its removal hook. Rows of
 * still pending operations are written in the order Zeek iterates its {@code table[int]}
 * ({@link ZeekDictionary}).
 */
final class LdapTransactions {
    /** The script options this run uses ({@code LDAP::max_pending_messages} etc.). */
    record Options(long maxPendingMessages, long maxPendingSearches, boolean capturePassword,
                   boolean logSearchAttributes) {
        static final Options DEFAULTS = new Options(10, 10, false, false);
    }

    private static final String BIND_SIMPLE = "bind simple", BIND_SASL = "bind SASL";

    private static final class Op {
        final double ts;
        final long id;
        Long version;
        String opcode, result, diagnostic, object, argument;

        Op(double ts, long id) {
            this.ts = ts;
            this.id = id;
        }
    }

    private static final class Search {
        final double ts;
        final long id;
        String scope, deref, baseObject, result, diagnostic, filter;
        List<String> attributes;
        long resultCount;

        Search(double ts, long id) {
            this.ts = ts;
            this.id = id;
        }
    }

    private final Session session;
    private final Options options;
    private final LogStream<LdapLogEntry> log;
    private final LogStream<LdapSearchLogEntry> searchLog;
    private final ToLongFunction<byte[]> keyedHash;
    private Map<Long, Op> messages;
    private Map<Long, Search> searches;
    private ZeekDictionary messageOrder, searchOrder;

    LdapTransactions(Session session, Options options, LogStream<LdapLogEntry> log,
                     LogStream<LdapSearchLogEntry> searchLog, ToLongFunction<byte[]> keyedHash) {
        this.session = session;
        this.options = options;
        this.log = log;
        this.searchLog = searchLog;
        this.keyedHash = keyedHash;
    }

    private static boolean isSearch(int opcode) {
        return opcode == LdapCodes.SEARCH_REQUEST || opcode == LdapCodes.SEARCH_RESULT_ENTRY
                || opcode == LdapCodes.SEARCH_RESULT_DONE || opcode == LdapCodes.SEARCH_RESULT_REFERENCE;
    }

    private static boolean finishes(int opcode) {
        return switch (opcode) {
            case LdapCodes.BIND_RESPONSE, LdapCodes.UNBIND_REQUEST, LdapCodes.SEARCH_RESULT_DONE,
                 LdapCodes.MODIFY_RESPONSE, LdapCodes.ADD_RESPONSE, LdapCodes.DEL_RESPONSE,
                 LdapCodes.MOD_DN_RESPONSE, LdapCodes.COMPARE_RESPONSE, LdapCodes.ABANDON_REQUEST,
                 LdapCodes.EXTENDED_RESPONSE -> true;
            default -> false;
        };
    }

    /** One parsed message: its operation's event first (as Spicy raises it), then {@code LDAP::message}. */
    void message(LdapMessage m) {
        switch (m.opcode()) {
            case LdapCodes.BIND_REQUEST -> bindRequest(m);
            case LdapCodes.SEARCH_REQUEST -> searchRequest(m);
            case LdapCodes.SEARCH_RESULT_ENTRY -> {
                setSession(m.messageId(), m.opcode());
                searches.get(m.messageId()).resultCount++;
            }
            default -> { }
        }
        genericMessage(m);
    }

    private void setSession(long id, int opcode) {
        if (messages == null) {
            messages = new LinkedHashMap<>();
            searches = new LinkedHashMap<>();
            messageOrder = new ZeekDictionary(keyedHash);
            searchOrder = new ZeekDictionary(keyedHash);
        }
        if (isSearch(opcode) && !searches.containsKey(id)) {
            if (options.maxPendingSearches() > 0 && searches.size() >= options.maxPendingSearches()) {
                weird("LDAP_max_pending_searches_exceeded", Integer.toString(searches.size()));
                logSearches();
                searches.clear();
                searchOrder.clear();
            }
            searches.put(id, new Search(session.now(), id));
            searchOrder.insert(id);
        } else if (!isSearch(opcode) && !messages.containsKey(id)) {
            if (options.maxPendingMessages() > 0 && messages.size() >= options.maxPendingMessages()) {
                weird("LDAP_max_pending_messages_exceeded", Integer.toString(messages.size()));
                logMessages();
                messages.clear();
                messageOrder.clear();
            }
            messages.put(id, new Op(session.now(), id));
            messageOrder.insert(id);
        }
    }

    private void bindRequest(LdapMessage m) {
        setSession(m.messageId(), LdapCodes.BIND_REQUEST);
        Op op = messages.get(m.messageId());
        if (op.version == null) op.version = m.bindVersion();
        if (op.opcode != null) weird("LDAP_bind_opcode_already_set", op.opcode);
        int auth = m.bindAuthType();
        op.opcode = switch (auth) {
            case LdapCodes.BIND_AUTH_SIMPLE -> BIND_SIMPLE;
            case LdapCodes.BIND_AUTH_SASL -> BIND_SASL;
            case LdapCodes.SICILY_NEGOTIATE -> "sicily_negotiate";
            case LdapCodes.SICILY_RESPONSE -> "sicily_response";
            default -> {
                String name = auth == 9 ? "LDAP::BindAuthType_SICILY_PACKAGE_DISCOVERY" : "LDAP::BindAuthType_" + auth;
                weird("LDAP_unknown_auth_type", name);
                yield name;
            }
        };
    }

    private void searchRequest(LdapMessage m) {
        long id = m.messageId();
        setSession(id, LdapCodes.SEARCH_REQUEST);
        Search s = searches.get(id);
        var q = m.search();
        String scope = LdapCodes.scopeName(q.scope() & 0xff);
        if (s.scope != null && !s.scope.equals(scope)) weird("LDAP_search_scope_change", id + ": " + s.scope + " -> " + scope);
        s.scope = scope;
        String deref = LdapCodes.derefName(q.deref() & 0xff);
        if (s.deref != null && !s.deref.equals(deref)) {
            weird("LDAP_search_deref_aliases_change", id + ": " + s.deref + " -> " + deref);
        }
        s.deref = deref;
        if (!q.baseObject().isEmpty()) {
            if (s.baseObject != null && !s.baseObject.equals(q.baseObject())) {
                weird("LDAP_search_base_object_change", id + ": " + s.baseObject + " -> " + q.baseObject());
            }
            s.baseObject = q.baseObject();
        }
        if (s.filter != null && !s.filter.equals(q.filter())) {
            weird("LDAP_search_filter_change", id + ": " + s.filter + " -> " + q.filter());
        }
        s.filter = q.filter();
        if (options.logSearchAttributes()) s.attributes = q.attributes();
    }

    private void genericMessage(LdapMessage m) {
        long id = m.messageId();
        int opcode = m.opcode();
        String result = m.result() != null ? LdapCodes.resultName(m.result()) : null;
        if (opcode == LdapCodes.SEARCH_RESULT_DONE) {
            setSession(id, opcode);
            Search s = searches.get(id);
            if (result != null) {
                if (s.result != null && !s.result.equals(result)) {
                    weird("LDAP_search_result_change", id + ": " + s.result + " -> " + result);
                }
                s.result = result;
            }
            if (!m.diagnosticMessage().isEmpty()) {
                if (s.diagnostic != null && !s.diagnostic.equals(m.diagnosticMessage())) {
                    weird("LDAP_search_diagnostic_message_change",
                            id + ": " + s.diagnostic + " -> " + m.diagnosticMessage());
                }
                s.diagnostic = m.diagnosticMessage();
            }
            writeSearch(s);
            searches.remove(id);
            searchOrder.remove(id);
            return;
        }
        if (isSearch(opcode)) return; // handled by the search events
        setSession(id, opcode);
        Op op = messages.get(id);
        String name = LdapCodes.opcodeName(opcode);
        if (!name.equals("bind")) {
            if (op.opcode != null && !name.equals(op.opcode)) {
                weird("LDAP_message_opcode_change", id + ": " + op.opcode + " -> " + name);
            }
            op.opcode = name;
        } else if (op.opcode == null) {
            weird("LDAP_bind_without_opcode", id + ": " + name);
            op.opcode = name;
        }
        if (result != null) {
            if (op.result != null && !op.result.equals(result)) {
                weird("LDAP_message_result_change", id + ": " + op.result + " -> " + result);
            }
            op.result = result;
        }
        if (!m.diagnosticMessage().isEmpty()) {
            if (op.diagnostic != null && !m.diagnosticMessage().equals(op.diagnostic)) {
                weird("LDAP_message_diagnostic_message_change", id + ": " + op.diagnostic + " -> " + m.diagnosticMessage());
            }
            op.diagnostic = m.diagnosticMessage();
        }
        if (!m.object().isEmpty()) {
            if (op.object != null && !op.object.equals(m.object())) {
                weird("LDAP_message_object_change", id + ": " + op.object + " -> " + m.object());
            }
            op.object = m.object();
            if (opcode == LdapCodes.EXTENDED_REQUEST) {
                op.object += " (" + LdapCodes.extendedRequestName(m.object()) + ")";
            }
        }
        if (!m.argument().isEmpty()) {
            String argument = BIND_SIMPLE.equals(op.opcode) && !options.capturePassword() ? "REDACTED" : m.argument();
            if (op.argument != null && !op.argument.equals(argument)) {
                weird("LDAP_message_argument_change", id + ": " + op.argument + " -> " + argument);
            }
            op.argument = argument;
        }
        if (finishes(opcode)) {
            write(op);
            messages.remove(id);
            messageOrder.remove(id);
        }
    }

    /** The removal hook: pending operations are logged (message IDs above 0 only). */
    void finish() {
        if (messages == null) return;
        logMessages();
        messages.clear();
        messageOrder.clear();
        logSearches();
        searches.clear();
        searchOrder.clear();
    }

    private void logMessages() {
        for (long id : messageOrder.order()) if (id > 0) write(messages.get(id));
    }

    private void logSearches() {
        for (long id : searchOrder.order()) if (id > 0) writeSearch(searches.get(id));
    }

    private void write(Op op) {
        if (log == null) return;
        log.write(new LdapLogEntry(op.ts, session.conn().uid(), connId(), op.id, op.version, op.opcode, op.result,
                op.diagnostic, op.object, op.argument));
    }

    private void writeSearch(Search s) {
        if (searchLog == null) return;
        searchLog.write(new LdapSearchLogEntry(s.ts, session.conn().uid(), connId(), s.id, s.scope, s.deref,
                s.baseObject, s.resultCount, s.result, s.diagnostic, s.filter, s.attributes));
    }

    private ConnId connId() {
        Connection c = session.conn();
        return c.id();
    }

    private void weird(String name, String addl) {
        session.weird(name, Objects.requireNonNull(addl), "LDAP");
    }
}
