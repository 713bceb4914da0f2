import ConvdProto
import Foundation
import SwiftProtobuf

/// One valid request per method, written as proto3 JSON: the starting points the structure-aware
/// fuzzer mutates field by field, and the seed corpus of the call-path fuzzer.
public enum SeedRequests {
    static let json: [(method: String, type: any SwiftProtobuf.Message.Type, json: String)] = [
        ("Recipients/Put", Convd_V1_PutRecipientRequest.self, #"""
            {"recipient":{"id":"crm-3","name":"CRM","labels":{"team":"a"},"feedback":{"receiveConversions":true,"receiveReturns":true,
            "returnWindowDays":30,"defaultMode":"CONVERSION_MODE_CREATE_NEW","allowedReturnReasons":["Duplicate"],
            "conversionTypes":[{"name":"WonClient","mode":"CONVERSION_MODE_INCREMENT"},{"name":"FakeLead","mode":"CONVERSION_MODE_IGNORE_DUPLICATES","duplicateWindowSeconds":60}],
            "rules":{"match":"RULE_MATCH_ANY","nodes":[{"rule":{"field":"feedback.reason","op":"RULE_OPERATOR_MATCHES","values":["^sale"]}},
            {"set":{"match":"RULE_MATCH_ALL","nodes":[{"rule":{"field":"feedback.amount","op":"RULE_OPERATOR_BETWEEN","values":["1","100"]}}]}}]}}}}
            """#),
        ("Recipients/Get", Convd_V1_GetRecipientRequest.self, #"{"id":"crm-1"}"#),
        ("Recipients/List", Convd_V1_ListRecipientsRequest.self, #"{"pageSize":2,"pageToken":"crm-1"}"#),
        ("Recipients/Delete", Convd_V1_DeleteRecipientRequest.self, #"{"id":"crm-3","force":true}"#),
        ("Sources/Put", Convd_V1_PutSourceRequest.self, #"""
            {"source":{"id":"v-3","name":"Vendor","returnCap":{"maxShareBps":1000},"forwarding":{"url":"http://127.0.0.1:9/pb?cid={click_id}&token=t",
            "format":"FORWARD_FORMAT_GET","conversions":true,"returns":true,"adjustments":true,"fieldMapping":{"amt":"{amount}"},
            "headers":{"X-Api-Key":"k"},"timeoutMs":1000,"maxAttempts":3,"successBodyContains":"ok"}}}
            """#),
        ("Sources/Get", Convd_V1_GetSourceRequest.self, #"{"id":"v-1","showSecrets":true}"#),
        ("Sources/List", Convd_V1_ListSourcesRequest.self, #"{"pageSize":5}"#),
        ("Sources/Delete", Convd_V1_DeleteSourceRequest.self, #"{"id":"v-3"}"#),
        ("Deliveries/Record", Convd_V1_RecordDeliveryRequest.self, #"""
            {"delivery":{"eventId":"F1","recipientId":"crm-1","sourceId":"v-1","clickId":"c9","lead":{"email":"b@example.com"},
            "test":false,"deliveredAtMs":"1795407421626"}}
            """#),
        ("Deliveries/Get", Convd_V1_GetDeliveryRequest.self, #"{"eventId":"E1"}"#),
        ("Feedback/Record", Convd_V1_RecordFeedbackRequest.self, #"""
            {"feedback":{"eventId":"E1","kind":"FEEDBACK_KIND_CONVERSION","conversionType":"WonClient","reason":"Sale",
            "amount":{"amountMinor":"1000","currency":"EUR"},"fields":{"plan":"gold"},"transactionId":"INV-1",
            "status":"CONVERSION_STATUS_PENDING","occurredAtMs":"1795407000000"}}
            """#),
        ("Feedback/RecordBatch", Convd_V1_RecordFeedbackBatchRequest.self, #"""
            {"items":[{"click":{"clickId":"c1","recipientId":"crm-1"},"kind":"FEEDBACK_KIND_CONVERSION","conversionType":"QualifiedLead"},
            {"eventId":"E3","kind":"FEEDBACK_KIND_RETURN","reason":"Duplicate"}]}
            """#),
        ("Feedback/Adjust", Convd_V1_AdjustRequest.self, #"""
            {"transaction":{"recipientId":"crm-1","transactionId":"INV-1"},"kind":"ADJUSTMENT_KIND_RESTATE",
            "amount":{"amountMinor":"500","currency":"EUR"},"reason":"refund","occurredAtMs":"1795407000000"}
            """#),
        ("Feedback/Retract", Convd_V1_AdjustRequest.self, #"{"key":{"recipientId":"crm-1","conversionType":"WonClient","attributionId":"c1"},"reason":"chargeback"}"#),
        ("Conversions/Get", Convd_V1_GetConversionRequest.self, #"{"id":"x"}"#),
        ("Conversions/List", Convd_V1_ListConversionsRequest.self, #"""
            {"filter":{"recipientId":"crm-1","statuses":["CONVERSION_STATUS_APPROVED"],"fromMs":"1","toMs":"4102444800000","includeTest":true},"pageSize":3}
            """#),
        ("Conversions/Stats", Convd_V1_StatsRequest.self, #"{"filter":{"sourceId":"v-1"},"groupBy":"STATS_GROUPING_DAY"}"#),
        ("Events/List", Convd_V1_ListEventsRequest.self, #"{"filter":{"outcomes":["OUTCOME_CREATED"],"recipientId":"crm-1"},"pageSize":4}"#),
        ("Events/Watch", Convd_V1_WatchEventsRequest.self, #"{"afterSeq":"1","filter":{"sourceId":"v-1"}}"#),
        ("Forwarding/List", Convd_V1_ListForwardsRequest.self, #"{"sourceId":"v-1","state":"OUTBOX_STATE_PENDING","includeAttempts":true}"#),
        ("Forwarding/Retry", Convd_V1_RetryForwardsRequest.self, #"{"itemId":"1"}"#),
        ("System/Health", Convd_V1_HealthRequest.self, "{}"),
        ("System/Info", Convd_V1_InfoRequest.self, "{}"),
    ]

    /// Every seed as (full method name, serialized request).
    public static let all: [(method: String, payload: [UInt8])] = json.map { seed in
        // A seed that does not parse is a bug in this table, found on the first run.
        let message = try! seed.type.init(jsonString: seed.json)
        return ("/convd.v1." + seed.method, try! message.serializedBytes())
    }
}
