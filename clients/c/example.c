/* convd-c-example: records a delivery and a WonClient conversion of 1000.00 EUR, prints the outcome.
 * Usage: convd-c-example [SOCKET]   (default: $CONVD_SOCKET) */
#include <stdio.h>
#include "convd_client.h"
#include "convd/v1/deliveries.pb-c.h"
#include "convd/v1/feedback.pb-c.h"
#include "convd/v1/recipients.pb-c.h"
#include "convd/v1/sources.pb-c.h"

static int check(convd_code code, convd_status *st, const char *what) {
    if (code == CONVD_OK || code == CONVD_ALREADY_EXISTS) return 0;
    fprintf(stderr, "%s: %s: %s\n", what, convd_code_name(code), st->message ? st->message : "");
    return 1;
}

int main(int argc, char **argv) {
    convd_client *client;
    convd_status st = {0};
    if (check(convd_connect(argc > 1 ? argv[1] : NULL, 1000, &client, &st), &st, "connect")) return 1;
    ProtobufCMessage *reply = NULL;
    int failed = 0;

    /* A recipient and a source (Put replaces; running the example twice is fine). */
    Convd__V1__Recipient recipient = CONVD__V1__RECIPIENT__INIT;
    recipient.id = "crm-example";
    Convd__V1__PutRecipientRequest put_r = CONVD__V1__PUT_RECIPIENT_REQUEST__INIT;
    put_r.recipient = &recipient;
    failed |= check(convd_call(client, "/convd.v1.Recipients/Put", &put_r.base, &convd__v1__put_recipient_response__descriptor,
                               &reply, NULL, &st), &st, "put recipient");
    if (reply) protobuf_c_message_free_unpacked(reply, NULL);
    Convd__V1__Source source = CONVD__V1__SOURCE__INIT;
    source.id = "vendor-example";
    Convd__V1__PutSourceRequest put_s = CONVD__V1__PUT_SOURCE_REQUEST__INIT;
    put_s.source = &source;
    failed |= check(convd_call(client, "/convd.v1.Sources/Put", &put_s.base, &convd__v1__put_source_response__descriptor,
                               &reply, NULL, &st), &st, "put source");
    if (reply) protobuf_c_message_free_unpacked(reply, NULL);

    /* The delivery: convd generates its event ID. */
    Convd__V1__Delivery delivery = CONVD__V1__DELIVERY__INIT;
    delivery.recipient_id = "crm-example";
    delivery.source_id = "vendor-example";
    Convd__V1__RecordDeliveryRequest rec = CONVD__V1__RECORD_DELIVERY_REQUEST__INIT;
    rec.delivery = &delivery;
    if (check(convd_call(client, "/convd.v1.Deliveries/Record", &rec.base, &convd__v1__record_delivery_response__descriptor,
                         &reply, NULL, &st), &st, "record delivery")) { convd_close(client); return 1; }
    Convd__V1__RecordDeliveryResponse *recorded = (Convd__V1__RecordDeliveryResponse *)reply;
    printf("delivery %s\n", recorded->delivery->event_id);

    /* The conversion: WonClient, 1000.00 EUR as 100000 minor units. */
    Convd__V1__Money amount = CONVD__V1__MONEY__INIT;
    amount.amount_minor = 100000;
    amount.currency = "EUR";
    Convd__V1__FeedbackReport fb = CONVD__V1__FEEDBACK_REPORT__INIT;
    fb.target_case = CONVD__V1__FEEDBACK_REPORT__TARGET_EVENT_ID;
    fb.event_id = recorded->delivery->event_id;
    fb.kind = CONVD__V1__FEEDBACK_KIND__FEEDBACK_KIND_CONVERSION;
    fb.conversion_type = "WonClient";
    fb.amount = &amount;
    Convd__V1__RecordFeedbackRequest req = CONVD__V1__RECORD_FEEDBACK_REQUEST__INIT;
    req.feedback = &fb;
    ProtobufCMessage *fb_reply = NULL;
    convd_call_options opts = {.timeout_ms = 5000};
    if (!check(convd_call(client, "/convd.v1.Feedback/Record", &req.base, &convd__v1__record_feedback_response__descriptor,
                          &fb_reply, &opts, &st), &st, "record conversion")) {
        Convd__V1__RecordFeedbackResponse *r = (Convd__V1__RecordFeedbackResponse *)fb_reply;
        const ProtobufCEnumValue *outcome = protobuf_c_enum_descriptor_get_value(&convd__v1__outcome__descriptor, r->result->outcome);
        printf("outcome %s, conversion %s, amount %lld %s\n", outcome ? outcome->name : "?", r->result->conversion->id,
               (long long)r->result->conversion->amount->amount_minor, r->result->conversion->amount->currency);
        protobuf_c_message_free_unpacked(fb_reply, NULL);
    } else {
        failed = 1;
    }
    protobuf_c_message_free_unpacked(reply, NULL);
    convd_status_clear(&st);
    convd_close(client);
    return failed;
}
