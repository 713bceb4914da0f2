/*
 * convd_client: a small blocking C client for convd over its Unix socket.
 *
 * Frames are a 4-byte big-endian length followed by one protobuf message (convd.v1.Request out,
 * convd.v1.Response in); messages are the protoc-c code generated from proto/ (generated/).
 * One call at a time per client; not thread-safe (use one client per thread).
 */
#ifndef CONVD_CLIENT_H
#define CONVD_CLIENT_H

#include <stddef.h>
#include <stdint.h>
#include <protobuf-c/protobuf-c.h>

#include "convd/v1/envelope.pb-c.h"

#ifdef __cplusplus
extern "C" {
#endif

/* gRPC's canonical status codes, with gRPC's numbers (proto/PROTOCOL.md). */
typedef enum {
    CONVD_OK = 0,
    CONVD_CANCELLED = 1,
    CONVD_UNKNOWN = 2,
    CONVD_INVALID_ARGUMENT = 3,
    CONVD_DEADLINE_EXCEEDED = 4,
    CONVD_NOT_FOUND = 5,
    CONVD_ALREADY_EXISTS = 6,
    CONVD_PERMISSION_DENIED = 7,
    CONVD_RESOURCE_EXHAUSTED = 8,
    CONVD_FAILED_PRECONDITION = 9,
    CONVD_ABORTED = 10,
    CONVD_OUT_OF_RANGE = 11,
    CONVD_UNIMPLEMENTED = 12,
    CONVD_INTERNAL = 13,
    CONVD_UNAVAILABLE = 14,
    CONVD_DATA_LOSS = 15,
    CONVD_UNAUTHENTICATED = 16
} convd_code;

/* A call's outcome: the code and a message naming the problem (NULL when OK). */
typedef struct {
    convd_code code;
    char *message; /* malloc'd; release with convd_status_clear */
} convd_status;

/* Per-call options; pass NULL for none. */
typedef struct {
    uint32_t timeout_ms;          /* the server's deadline for the call; 0: none */
    const char *idempotency_key;  /* a retry with the same key is answered with the first answer */
} convd_call_options;

typedef struct convd_client convd_client;

/* Largest reply frame accepted by default (4 MiB), as the server's default limit. */
#define CONVD_DEFAULT_MAX_FRAME (4u * 1024u * 1024u)

/* The canonical name of a code, e.g. "NOT_FOUND". */
const char *convd_code_name(convd_code code);

/* Frees the status message and resets it to OK. */
void convd_status_clear(convd_status *status);

/* Connects to convd at socket_path (NULL: $CONVD_SOCKET), waiting at most timeout_ms.
 * On failure returns CONVD_UNAVAILABLE with the reason in status, and *out is NULL. */
convd_code convd_connect(const char *socket_path, int timeout_ms, convd_client **out, convd_status *status);

/* Sets the largest reply frame accepted (default CONVD_DEFAULT_MAX_FRAME). */
void convd_set_max_frame(convd_client *client, uint32_t max_frame);

/* Calls method (e.g. "/convd.v1.Feedback/Record") with request and waits for its reply.
 * On OK, *response is the unpacked reply of type response_type: free it with
 * protobuf_c_message_free_unpacked(*response, NULL). On error, *response is NULL and status
 * holds the code and message (the server's, or a local one: UNAVAILABLE when the connection
 * broke, RESOURCE_EXHAUSTED for an oversized reply, INTERNAL for an undecodable one). */
convd_code convd_call(convd_client *client, const char *method, const ProtobufCMessage *request,
                      const ProtobufCMessageDescriptor *response_type, ProtobufCMessage **response,
                      const convd_call_options *options, convd_status *status);

/* Closes the connection and frees the client. */
void convd_close(convd_client *client);

/* The framed bytes of a request (length prefix + message), malloc'd into *out.
 * Returns the length; the golden vector tests use it. */
size_t convd_frame_request(const Convd__V1__Request *request, uint8_t **out);

#ifdef __cplusplus
}
#endif
#endif
