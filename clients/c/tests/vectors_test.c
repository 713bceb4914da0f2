/* The golden wire vectors (proto/vectors): requests built here must frame to those bytes exactly;
 * replies must decode to the listed values. Usage: vectors_test DIR */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "convd_client.h"
#include "convd/v1/system.pb-c.h"
#include "convd/v1/conversions.pb-c.h"
#include "convd/v1/deliveries.pb-c.h"
#include "convd/v1/events.pb-c.h"
#include "convd/v1/feedback.pb-c.h"
#include "convd/v1/recipients.pb-c.h"

static const char *dir;
static int failures, passed;

static uint8_t *load(const char *name, size_t *len) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.bin", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "cannot open %s\n", path); exit(2); }
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    rewind(f);
    uint8_t *buf = malloc(*len);
    if (fread(buf, 1, *len, f) != *len) { fprintf(stderr, "short read %s\n", path); exit(2); }
    fclose(f);
    return buf;
}

#define EXPECT(cond) do { if (cond) passed++; else { failures++; fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); } } while (0)

/* Packs payload into req and compares req's frame with the golden file. */
static void expect_request(const char *name, Convd__V1__Request *req, const ProtobufCMessage *payload) {
    uint8_t *packed = NULL;
    if (payload) {
        req->payload.len = protobuf_c_message_get_packed_size(payload);
        packed = malloc(req->payload.len + 1);
        protobuf_c_message_pack(payload, packed);
        req->payload.data = packed;
    }
    uint8_t *frame;
    size_t n = convd_frame_request(req, &frame);
    size_t glen;
    uint8_t *golden = load(name, &glen);
    int same = n == glen && memcmp(frame, golden, n) == 0;
    if (!same) fprintf(stderr, "FAIL request vector %s: %zu bytes built, %zu golden\n", name, n, glen);
    EXPECT(same);
    free(frame);
    free(golden);
    free(packed);
}

static Convd__V1__Response *reply(const char *name) {
    size_t len;
    uint8_t *buf = load(name, &len);
    uint32_t n = (uint32_t)buf[0] << 24 | (uint32_t)buf[1] << 16 | (uint32_t)buf[2] << 8 | buf[3];
    EXPECT(n + 4 == len);
    Convd__V1__Response *r = convd__v1__response__unpack(NULL, n, buf + 4);
    free(buf);
    if (!r) { fprintf(stderr, "cannot decode %s\n", name); exit(2); }
    return r;
}

static void requests(void) {
    Convd__V1__Request health = CONVD__V1__REQUEST__INIT;
    health.call_id = 1;
    health.method = "/convd.v1.System/Health";
    expect_request("health", &health, NULL);

    Convd__V1__ConversionTypeSetting won = CONVD__V1__CONVERSION_TYPE_SETTING__INIT, fake = CONVD__V1__CONVERSION_TYPE_SETTING__INIT;
    won.name = "WonClient";
    won.mode = CONVD__V1__CONVERSION_MODE__CONVERSION_MODE_INCREMENT;
    fake.name = "FakeLead";
    fake.mode = CONVD__V1__CONVERSION_MODE__CONVERSION_MODE_IGNORE_DUPLICATES;
    fake.duplicate_window_seconds = 3600;
    Convd__V1__ConversionTypeSetting *types[] = {&won, &fake};
    char *values[] = {"Sale Completed", "Appointment Scheduled"};
    Convd__V1__Rule rule = CONVD__V1__RULE__INIT;
    rule.field = "feedback.reason";
    rule.op = CONVD__V1__RULE_OPERATOR__RULE_OPERATOR_IN;
    rule.n_values = 2;
    rule.values = values;
    Convd__V1__RuleSet empty = CONVD__V1__RULE_SET__INIT;
    Convd__V1__RuleNode n1 = CONVD__V1__RULE_NODE__INIT, n2 = CONVD__V1__RULE_NODE__INIT;
    n1.node_case = CONVD__V1__RULE_NODE__NODE_RULE;
    n1.rule = &rule;
    n2.node_case = CONVD__V1__RULE_NODE__NODE_SET;
    n2.set = &empty;
    Convd__V1__RuleNode *nodes[] = {&n1, &n2};
    Convd__V1__RuleSet rules = CONVD__V1__RULE_SET__INIT;
    rules.match = CONVD__V1__RULE_MATCH__RULE_MATCH_ANY;
    rules.n_nodes = 2;
    rules.nodes = nodes;
    char *reasons[] = {"Duplicate"};
    Convd__V1__FeedbackSettings fs = CONVD__V1__FEEDBACK_SETTINGS__INIT;
    fs.receive_conversions = 1;
    fs.receive_returns = 1;
    fs.return_window_days = 30;
    fs.n_conversion_types = 2;
    fs.conversion_types = types;
    fs.default_mode = CONVD__V1__CONVERSION_MODE__CONVERSION_MODE_CREATE_NEW;
    fs.rules = &rules;
    fs.n_allowed_return_reasons = 1;
    fs.allowed_return_reasons = reasons;
    Convd__V1__Recipient__LabelsEntry label = CONVD__V1__RECIPIENT__LABELS_ENTRY__INIT;
    label.key = "team";
    label.value = "sales";
    Convd__V1__Recipient__LabelsEntry *labels[] = {&label};
    Convd__V1__Recipient r = CONVD__V1__RECIPIENT__INIT;
    r.id = "crm-1";
    r.name = "CRM One";
    r.feedback = &fs;
    r.n_labels = 1;
    r.labels = labels;
    Convd__V1__PutRecipientRequest put = CONVD__V1__PUT_RECIPIENT_REQUEST__INIT;
    put.recipient = &r;
    Convd__V1__Request put_req = CONVD__V1__REQUEST__INIT;
    put_req.call_id = 2;
    put_req.method = "/convd.v1.Recipients/Put";
    put_req.timeout_ms = 5000;
    expect_request("put_recipient", &put_req, &put.base);

    Convd__V1__Delivery__LeadEntry email = CONVD__V1__DELIVERY__LEAD_ENTRY__INIT;
    email.key = "email";
    email.value = "a@example.com";
    Convd__V1__Delivery__LeadEntry *lead[] = {&email};
    Convd__V1__Delivery d = CONVD__V1__DELIVERY__INIT;
    d.recipient_id = "crm-1";
    d.source_id = "vendor-1";
    d.click_id = "gclid-abc";
    d.n_lead = 1;
    d.lead = lead;
    d.test = 1;
    d.delivered_at_ms = INT64_C(1795407421626);
    Convd__V1__RecordDeliveryRequest rd = CONVD__V1__RECORD_DELIVERY_REQUEST__INIT;
    rd.delivery = &d;
    Convd__V1__Request rd_req = CONVD__V1__REQUEST__INIT;
    rd_req.call_id = 3;
    rd_req.method = "/convd.v1.Deliveries/Record";
    expect_request("record_delivery", &rd_req, &rd.base);

    Convd__V1__ClickRef click = CONVD__V1__CLICK_REF__INIT;
    click.click_id = "gclid-abc";
    click.recipient_id = "crm-1";
    Convd__V1__Money amount = CONVD__V1__MONEY__INIT;
    amount.amount_minor = 100000;
    amount.currency = "EUR";
    Convd__V1__FeedbackReport__FieldsEntry plan = CONVD__V1__FEEDBACK_REPORT__FIELDS_ENTRY__INIT;
    plan.key = "plan";
    plan.value = "pro";
    Convd__V1__FeedbackReport__FieldsEntry *fields[] = {&plan};
    Convd__V1__FeedbackReport fb = CONVD__V1__FEEDBACK_REPORT__INIT;
    fb.target_case = CONVD__V1__FEEDBACK_REPORT__TARGET_CLICK;
    fb.click = &click;
    fb.kind = CONVD__V1__FEEDBACK_KIND__FEEDBACK_KIND_CONVERSION;
    fb.conversion_type = "WonClient";
    fb.amount = &amount;
    fb.n_fields = 1;
    fb.fields = fields;
    fb.transaction_id = "INV-2026-0001";
    fb.status = CONVD__V1__CONVERSION_STATUS__CONVERSION_STATUS_PENDING;
    fb.occurred_at_ms = INT64_C(1795407000000);
    Convd__V1__RecordFeedbackRequest rf = CONVD__V1__RECORD_FEEDBACK_REQUEST__INIT;
    rf.feedback = &fb;
    Convd__V1__Request rf_req = CONVD__V1__REQUEST__INIT;
    rf_req.call_id = 4;
    rf_req.method = "/convd.v1.Feedback/Record";
    rf_req.idempotency_key = "crm-req-0001";
    expect_request("record_feedback_by_click", &rf_req, &rf.base);

    Convd__V1__FeedbackReport ret = CONVD__V1__FEEDBACK_REPORT__INIT;
    ret.target_case = CONVD__V1__FEEDBACK_REPORT__TARGET_EVENT_ID;
    ret.event_id = "01M83AXMTHNSQR1M1JA1QX0RYM";
    ret.kind = CONVD__V1__FEEDBACK_KIND__FEEDBACK_KIND_RETURN;
    ret.reason = "Doppelt \xe2\x80\x93 R\xc3\xbc" "ckgabe \xe2\x82\xac";
    Convd__V1__RecordFeedbackRequest rr = CONVD__V1__RECORD_FEEDBACK_REQUEST__INIT;
    rr.feedback = &ret;
    Convd__V1__Request rr_req = CONVD__V1__REQUEST__INIT;
    rr_req.call_id = 5;
    rr_req.method = "/convd.v1.Feedback/Record";
    expect_request("record_return_by_event", &rr_req, &rr.base);

    Convd__V1__TransactionRef tx = CONVD__V1__TRANSACTION_REF__INIT;
    tx.recipient_id = "crm-1";
    tx.transaction_id = "INV-2026-0001";
    Convd__V1__Money low = CONVD__V1__MONEY__INIT;
    low.amount_minor = INT64_MIN;
    low.currency = "EUR";
    Convd__V1__AdjustRequest adj = CONVD__V1__ADJUST_REQUEST__INIT;
    adj.target_case = CONVD__V1__ADJUST_REQUEST__TARGET_TRANSACTION;
    adj.transaction = &tx;
    adj.kind = CONVD__V1__ADJUSTMENT_KIND__ADJUSTMENT_KIND_RESTATE;
    adj.amount = &low;
    Convd__V1__Request adj_req = CONVD__V1__REQUEST__INIT;
    adj_req.call_id = 6;
    adj_req.method = "/convd.v1.Feedback/Adjust";
    expect_request("adjust_extreme_amount", &adj_req, &adj.base);

    Convd__V1__ConversionStatus statuses[] = {CONVD__V1__CONVERSION_STATUS__CONVERSION_STATUS_PENDING,
                                              CONVD__V1__CONVERSION_STATUS__CONVERSION_STATUS_APPROVED};
    Convd__V1__ConversionFilter filter = CONVD__V1__CONVERSION_FILTER__INIT;
    filter.n_statuses = 2;
    filter.statuses = statuses;
    filter.to_ms = INT64_MAX;
    filter.include_test = 1;
    Convd__V1__ListConversionsRequest lst = CONVD__V1__LIST_CONVERSIONS_REQUEST__INIT;
    lst.filter = &filter;
    lst.page_size = 1000;
    lst.page_token = "123";
    Convd__V1__Request lst_req = CONVD__V1__REQUEST__INIT;
    lst_req.call_id = UINT64_MAX;
    lst_req.method = "/convd.v1.Conversions/List";
    lst_req.timeout_ms = UINT32_MAX;
    expect_request("list_conversions_maximal", &lst_req, &lst.base);

    Convd__V1__Request cancel = CONVD__V1__REQUEST__INIT;
    cancel.call_id = 7;
    cancel.cancel = 1;
    expect_request("cancel", &cancel, NULL);

    Convd__V1__HealthRequest readiness = CONVD__V1__HEALTH_REQUEST__INIT;
    readiness.readiness = 1;
    Convd__V1__Request ready_req = CONVD__V1__REQUEST__INIT;
    ready_req.call_id = 10;
    ready_req.method = "/convd.v1.System/Health";
    expect_request("health_readiness", &ready_req, &readiness.base);
}

static void replies(void) {
    Convd__V1__Response *ok = reply("feedback_incremented");
    EXPECT(ok->call_id == 4 && ok->status && ok->status->code == 0 && !ok->more);
    Convd__V1__RecordFeedbackResponse *fr = convd__v1__record_feedback_response__unpack(NULL, ok->payload.len, ok->payload.data);
    EXPECT(fr && fr->result->outcome == CONVD__V1__OUTCOME__OUTCOME_INCREMENTED && fr->result->event_seq == 2);
    EXPECT(fr->result->conversion->amount->amount_minor == 300000 && strcmp(fr->result->conversion->amount->currency, "EUR") == 0);
    EXPECT(fr->result->conversion->n_fields == 2);
    int seen = 0;
    for (size_t i = 0; i < fr->result->conversion->n_fields; i++) {
        Convd__V1__Conversion__FieldsEntry *e = fr->result->conversion->fields[i];
        seen += (strcmp(e->key, "plan") == 0 && strcmp(e->value, "pro") == 0) + (strcmp(e->key, "seats") == 0 && strcmp(e->value, "12") == 0);
    }
    EXPECT(seen == 2);
    EXPECT(fr->result->conversion->n_history == 1 && strcmp(fr->result->conversion->history[0]->actor, "uid:1000 role:recorder") == 0);
    convd__v1__record_feedback_response__free_unpacked(fr, NULL);
    convd__v1__response__free_unpacked(ok, NULL);

    Convd__V1__Response *bad = reply("invalid_argument");
    EXPECT(bad->status->code == CONVD_INVALID_ARGUMENT && bad->payload.len == 0);
    EXPECT(bad->status->n_violations == 1 && strcmp(bad->status->violations[0]->field, "recipient.id") == 0);
    convd__v1__response__free_unpacked(bad, NULL);

    Convd__V1__Response *part = reply("stream_part");
    EXPECT(part->more && part->call_id == 9);
    Convd__V1__WatchEventsResponse *w = convd__v1__watch_events_response__unpack(NULL, part->payload.len, part->payload.data);
    EXPECT(w && w->event->seq == 5 && w->event->outcome == CONVD__V1__OUTCOME__OUTCOME_REJECTED && strcmp(w->event->recipient_id, "crm-1") == 0);
    convd__v1__watch_events_response__free_unpacked(w, NULL);
    convd__v1__response__free_unpacked(part, NULL);

    Convd__V1__Response *metrics = reply("metrics_text");
    EXPECT(metrics->call_id == 11 && !metrics->more);
    Convd__V1__MetricsResponse *m = convd__v1__metrics_response__unpack(NULL, metrics->payload.len, metrics->payload.data);
    EXPECT(m && strcmp(m->text, "# TYPE convd_calls_total counter\nconvd_calls_total{method=\"/convd.v1.System/Health\",code=\"OK\"} 3\n") == 0);
    if (m) convd__v1__metrics_response__free_unpacked(m, NULL);
    convd__v1__response__free_unpacked(metrics, NULL);

    Convd__V1__Response *conn = reply("connection_error");
    EXPECT(conn->call_id == 0 && conn->status->code == CONVD_RESOURCE_EXHAUSTED);
    EXPECT(strcmp(conn->status->message, "frame of 4194305 bytes exceeds the maximum of 4194304 bytes") == 0);
    convd__v1__response__free_unpacked(conn, NULL);
}

int main(int argc, char **argv) {
    dir = argc > 1 ? argv[1] : "../../proto/vectors";
    requests();
    replies();
    printf("%d passed, %d failed\n", passed, failures);
    return failures ? 1 : 0;
}
