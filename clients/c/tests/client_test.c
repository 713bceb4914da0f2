/* Interop: the C client against a running convd ($CONVD_SOCKET): recipient put, delivery record,
 * a WonClient conversion twice under INCREMENT with the sum checked, list conversions, errors with
 * their codes, an Events/Watch stream read part by part and cancelled, and the socket path rules.
 * Run under valgrind by `make check`; prints "N passed, N failed". */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "convd_client.h"
#include "convd/v1/conversions.pb-c.h"
#include "convd/v1/deliveries.pb-c.h"
#include "convd/v1/events.pb-c.h"
#include "convd/v1/feedback.pb-c.h"
#include "convd/v1/recipients.pb-c.h"
#include "convd/v1/sources.pb-c.h"
#include "convd/v1/system.pb-c.h"

static int failures, passed;
#define EXPECT(cond) do { if (cond) passed++; else { failures++; fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); } } while (0)

static convd_client *client;
static convd_status st;

static ProtobufCMessage *call(const char *method, const ProtobufCMessage *req, const ProtobufCMessageDescriptor *type,
                              convd_code expected) {
    ProtobufCMessage *reply = NULL;
    convd_code code = convd_call(client, method, req, type, &reply, NULL, &st);
    if (code != expected) fprintf(stderr, "%s: got %s (%s), want %s\n", method, convd_code_name(code), st.message ? st.message : "", convd_code_name(expected));
    EXPECT(code == expected);
    return reply;
}

static Convd__V1__FeedbackResult *won(const char *event_id, int64_t minor, const char *currency, convd_code expected,
                                      Convd__V1__RecordFeedbackResponse **keep) {
    Convd__V1__Money amount = CONVD__V1__MONEY__INIT;
    amount.amount_minor = minor;
    amount.currency = (char *)currency;
    Convd__V1__FeedbackReport fb = CONVD__V1__FEEDBACK_REPORT__INIT;
    fb.target_case = CONVD__V1__FEEDBACK_REPORT__TARGET_EVENT_ID;
    fb.event_id = (char *)event_id;
    fb.kind = CONVD__V1__FEEDBACK_KIND__FEEDBACK_KIND_CONVERSION;
    fb.conversion_type = "WonClient";
    fb.amount = &amount;
    Convd__V1__RecordFeedbackRequest req = CONVD__V1__RECORD_FEEDBACK_REQUEST__INIT;
    req.feedback = &fb;
    *keep = (Convd__V1__RecordFeedbackResponse *)call("/convd.v1.Feedback/Record", &req.base,
                                                      &convd__v1__record_feedback_response__descriptor, expected);
    return *keep ? (*keep)->result : NULL;
}

int main(void) {
    if (convd_connect(NULL, 1000, &client, &st) != CONVD_OK) {
        fprintf(stderr, "connect: %s\n", st.message);
        return 2;
    }
    char recipient_id[64], source_id[64];
    snprintf(recipient_id, sizeof recipient_id, "c-crm-%d", (int)getpid());
    snprintf(source_id, sizeof source_id, "c-src-%d", (int)getpid());

    Convd__V1__HealthRequest hreq = CONVD__V1__HEALTH_REQUEST__INIT;
    Convd__V1__HealthResponse *health = (Convd__V1__HealthResponse *)call("/convd.v1.System/Health", &hreq.base, &convd__v1__health_response__descriptor, CONVD_OK);
    EXPECT(health && strcmp(health->status, "SERVING") == 0);
    if (health) convd__v1__health_response__free_unpacked(health, NULL);

    Convd__V1__Recipient r = CONVD__V1__RECIPIENT__INIT;
    r.id = recipient_id;
    r.name = "C client";
    Convd__V1__PutRecipientRequest put = CONVD__V1__PUT_RECIPIENT_REQUEST__INIT;
    put.recipient = &r;
    Convd__V1__PutRecipientResponse *pr = (Convd__V1__PutRecipientResponse *)call("/convd.v1.Recipients/Put", &put.base, &convd__v1__put_recipient_response__descriptor, CONVD_OK);
    EXPECT(pr && pr->created && strcmp(pr->recipient->id, recipient_id) == 0);
    if (pr) convd__v1__put_recipient_response__free_unpacked(pr, NULL);
    Convd__V1__Source s = CONVD__V1__SOURCE__INIT;
    s.id = source_id;
    Convd__V1__PutSourceRequest ps = CONVD__V1__PUT_SOURCE_REQUEST__INIT;
    ps.source = &s;
    ProtobufCMessage *psr = call("/convd.v1.Sources/Put", &ps.base, &convd__v1__put_source_response__descriptor, CONVD_OK);
    if (psr) protobuf_c_message_free_unpacked(psr, NULL);

    Convd__V1__Delivery d = CONVD__V1__DELIVERY__INIT;
    d.recipient_id = recipient_id;
    d.source_id = source_id;
    Convd__V1__Money cost = CONVD__V1__MONEY__INIT;
    cost.amount_minor = 5000;
    cost.currency = "EUR";
    d.cost = &cost;
    Convd__V1__RecordDeliveryRequest rd = CONVD__V1__RECORD_DELIVERY_REQUEST__INIT;
    rd.delivery = &d;
    Convd__V1__RecordDeliveryResponse *delivered = (Convd__V1__RecordDeliveryResponse *)call("/convd.v1.Deliveries/Record", &rd.base, &convd__v1__record_delivery_response__descriptor, CONVD_OK);
    EXPECT(delivered && strlen(delivered->delivery->event_id) == 26);
    if (!delivered) { convd_close(client); return 1; }
    const char *event_id = delivered->delivery->event_id;

    Convd__V1__RecordFeedbackResponse *first, *second, *other;
    Convd__V1__FeedbackResult *a = won(event_id, 100000, "EUR", CONVD_OK, &first);
    Convd__V1__FeedbackResult *b = won(event_id, 200000, "EUR", CONVD_OK, &second);
    EXPECT(a && a->outcome == CONVD__V1__OUTCOME__OUTCOME_CREATED);
    EXPECT(b && b->outcome == CONVD__V1__OUTCOME__OUTCOME_INCREMENTED);
    EXPECT(b && b->conversion->amount->amount_minor == 300000 && b->conversion->postback_count == 2);
    EXPECT(a && b && strcmp(a->conversion->id, b->conversion->id) == 0);
    EXPECT(won(event_id, 100, "USD", CONVD_FAILED_PRECONDITION, &other) == NULL);
    EXPECT(st.message && strstr(st.message, "never summed") != NULL);

    Convd__V1__ConversionFilter filter = CONVD__V1__CONVERSION_FILTER__INIT;
    filter.recipient_id = recipient_id;
    Convd__V1__ListConversionsRequest lst = CONVD__V1__LIST_CONVERSIONS_REQUEST__INIT;
    lst.filter = &filter;
    Convd__V1__ListConversionsResponse *listed = (Convd__V1__ListConversionsResponse *)call("/convd.v1.Conversions/List", &lst.base, &convd__v1__list_conversions_response__descriptor, CONVD_OK);
    EXPECT(listed && listed->n_conversions == 1 && listed->conversions[0]->amount->amount_minor == 300000);
    if (listed) convd__v1__list_conversions_response__free_unpacked(listed, NULL);

    /* Stats with the lead's cost: 3000.00 EUR earned on 50.00 EUR spent. */
    Convd__V1__StatsRequest sreq = CONVD__V1__STATS_REQUEST__INIT;
    sreq.filter = &filter;
    Convd__V1__StatsResponse *stats = (Convd__V1__StatsResponse *)call("/convd.v1.Conversions/Stats", &sreq.base, &convd__v1__stats_response__descriptor, CONVD_OK);
    EXPECT(stats && stats->n_rows == 1 && stats->rows[0]->n_cost == 1 && stats->rows[0]->cost[0]->amount_minor == 5000);
    EXPECT(stats && stats->rows[0]->n_profit == 1 && stats->rows[0]->profit[0]->amount_minor == 295000);
    EXPECT(stats && stats->rows[0]->n_roi == 1 && stats->rows[0]->roi[0]->value == 59.0 && strcmp(stats->rows[0]->roi[0]->currency, "EUR") == 0);
    if (stats) convd__v1__stats_response__free_unpacked(stats, NULL);

    Convd__V1__GetRecipientRequest missing = CONVD__V1__GET_RECIPIENT_REQUEST__INIT;
    missing.id = "c-nobody";
    EXPECT(call("/convd.v1.Recipients/Get", &missing.base, &convd__v1__get_recipient_response__descriptor, CONVD_NOT_FOUND) == NULL);
    EXPECT(st.message && strcmp(st.message, "no recipient 'c-nobody'") == 0);
    EXPECT(call("/convd.v1.Nope/Nothing", &missing.base, &convd__v1__get_recipient_response__descriptor, CONVD_UNIMPLEMENTED) == NULL);

    /* Events/Watch: parts as they are committed, a wait that times out, a cancel, calls again. */
    {
        Convd__V1__EventFilter ef = CONVD__V1__EVENT_FILTER__INIT;
        ef.recipient_id = recipient_id;
        Convd__V1__WatchEventsRequest wreq = CONVD__V1__WATCH_EVENTS_REQUEST__INIT;
        wreq.filter = &ef;
        wreq.after_seq = b ? b->event_seq : 0;  /* everything after the second postback */
        convd_client *writer = NULL;
        EXPECT(convd_connect(NULL, 1000, &writer, &st) == CONVD_OK);
        convd_stream *watch = NULL;
        EXPECT(convd_stream_open(client, "/convd.v1.Events/Watch", &wreq.base, &convd__v1__watch_events_response__descriptor,
                                 &watch, &st) == CONVD_OK);
        ProtobufCMessage *part = NULL;
        /* The USD postback above was refused, and refusals are events too: it comes first. */
        EXPECT(convd_stream_next(watch, 10000, &part, &st) == CONVD_OK && part);
        Convd__V1__WatchEventsResponse *w = (Convd__V1__WatchEventsResponse *)part;
        EXPECT(w && w->event->outcome == CONVD__V1__OUTCOME__OUTCOME_FAILED);
        if (part) protobuf_c_message_free_unpacked(part, NULL);
        /* Nothing more yet: a short wait times out and the stream stays open. */
        EXPECT(convd_stream_next(watch, 50, &part, &st) == CONVD_DEADLINE_EXCEEDED && part == NULL);
        /* The stream occupies its client; another client writes meanwhile. */
        EXPECT(call("/convd.v1.System/Health", &hreq.base, &convd__v1__health_response__descriptor, CONVD_FAILED_PRECONDITION) == NULL);
        convd_client *main_client = client;
        client = writer;
        Convd__V1__RecordFeedbackResponse *third;
        Convd__V1__FeedbackResult *c3 = won(event_id, 500, "EUR", CONVD_OK, &third);
        client = main_client;
        EXPECT(convd_stream_next(watch, 10000, &part, &st) == CONVD_OK && part);
        w = (Convd__V1__WatchEventsResponse *)part;
        EXPECT(w && c3 && w->event->seq == c3->event_seq && w->event->outcome == CONVD__V1__OUTCOME__OUTCOME_INCREMENTED);
        if (part) protobuf_c_message_free_unpacked(part, NULL);
        if (third) convd__v1__record_feedback_response__free_unpacked(third, NULL);
        convd_stream_close(watch);
        /* Cancelled: the client calls again (the stream's last replies are skipped by call ID). */
        Convd__V1__HealthResponse *again = (Convd__V1__HealthResponse *)call("/convd.v1.System/Health", &hreq.base, &convd__v1__health_response__descriptor, CONVD_OK);
        EXPECT(again && strcmp(again->status, "SERVING") == 0);
        if (again) convd__v1__health_response__free_unpacked(again, NULL);
        convd_close(writer);
    }

    /* A reply larger than the client's maximum is refused, not buffered. */
    convd_set_max_frame(client, 16);
    Convd__V1__InfoRequest ireq = CONVD__V1__INFO_REQUEST__INIT;
    EXPECT(call("/convd.v1.System/Info", &ireq.base, &convd__v1__info_response__descriptor, CONVD_RESOURCE_EXHAUSTED) == NULL);
    EXPECT(st.message && strstr(st.message, "exceeds the maximum of 16 bytes") != NULL);
    /* The refused frame's body is still on the wire: the client must not read it as a reply. */
    EXPECT(call("/convd.v1.System/Health", &hreq.base, &convd__v1__health_response__descriptor, CONVD_UNAVAILABLE) == NULL);

    if (first) convd__v1__record_feedback_response__free_unpacked(first, NULL);
    if (second) convd__v1__record_feedback_response__free_unpacked(second, NULL);
    convd__v1__record_delivery_response__free_unpacked(delivered, NULL);
    convd_status_clear(&st);
    convd_close(client);

    /* The socket path rules convctl and Python follow. */
    {
        char path[256];
        const char *saved = getenv("CONVD_SOCKET");
        char *keep = saved ? strdup(saved) : NULL;
        unsetenv("CONVD_SOCKET");
        setenv("CONVD_DATA_DIR", "/srv/convd", 1);
        convd_default_socket_path(path, sizeof path);
        EXPECT(strcmp(path, "/srv/convd/convd.sock") == 0);
        unsetenv("CONVD_DATA_DIR");
        setenv("XDG_STATE_HOME", "/home/u/.state", 1);
        convd_default_socket_path(path, sizeof path);
        EXPECT(strcmp(path, "/home/u/.state/convd/convd.sock") == 0);
        unsetenv("XDG_STATE_HOME");
        setenv("HOME", "/home/u", 1);
        convd_default_socket_path(path, sizeof path);
        EXPECT(strcmp(path, "/home/u/.local/state/convd/convd.sock") == 0);
        setenv("CONVD_SOCKET", "/run/x.sock", 1);
        EXPECT(convd_default_socket_path(path, 4) == strlen("/run/x.sock") && strcmp(path, "/ru") == 0);
        if (keep) { setenv("CONVD_SOCKET", keep, 1); free(keep); } else unsetenv("CONVD_SOCKET");
    }

    /* No daemon there: a clear UNAVAILABLE at once. */
    convd_client *none = NULL;
    EXPECT(convd_connect("/nonexistent/convd.sock", 1000, &none, &st) == CONVD_UNAVAILABLE && none == NULL);
    EXPECT(st.message && strstr(st.message, "cannot reach convd at /nonexistent/convd.sock") != NULL);
    convd_status_clear(&st);

    printf("%d passed, %d failed\n", passed, failures);
    return failures ? 1 : 0;
}
