/*
 * convd_client: a small blocking C client for convd over its Unix socket.
 *
 * Frames are a 4-byte big-endian length followed by one protobuf message (convd.v1.Request out,
 * convd.v1.Response in); messages are the protoc-c code generated from proto/ (installed beside
 * this header; include e.g. "convd/v1/feedback.pb-c.h" for the Feedback messages).
 *
 * One call at a time per client: a unary call (convd_call) or a stream (convd_stream_open ...
 * convd_stream_close). Not thread-safe: use one client per thread.
 *
 * Build against the installed library with pkg-config:
 *     cc app.c $(pkg-config --cflags --libs convd-client)
 *
 * Every function that can fail returns a convd_code and, when given a convd_status, fills it with
 * the code and a message naming the problem (the server's, or a local one). Release the message
 * with convd_status_clear.
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

/* One connection to convd. */
typedef struct convd_client convd_client;

/* A server-streaming call in progress (e.g. /convd.v1.Events/Watch). */
typedef struct convd_stream convd_stream;

/* Largest reply frame accepted by default (4 MiB), as the server's default limit. */
#define CONVD_DEFAULT_MAX_FRAME (4u * 1024u * 1024u)

/* The canonical name of a code, e.g. "NOT_FOUND". */
const char *convd_code_name(convd_code code);

/* Frees the status message and resets it to OK. */
void convd_status_clear(convd_status *status);

/* Writes the socket path convctl and the Python client use into buf (NUL-terminated, truncated to
 * size): $CONVD_SOCKET, else convd.sock in $CONVD_DATA_DIR, $XDG_STATE_HOME/convd or
 * ~/.local/state/convd. Returns the length the full path needs, like snprintf. */
size_t convd_default_socket_path(char *buf, size_t size);

/* Connects to convd at socket_path (NULL: convd_default_socket_path), waiting at most timeout_ms.
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

/* Starts a server-streaming call: method (e.g. "/convd.v1.Events/Watch") with request. Its parts
 * are read with convd_stream_next, as messages of part_type. The stream occupies the client
 * (convd_call returns FAILED_PRECONDITION) until convd_stream_close. */
convd_code convd_stream_open(convd_client *client, const char *method, const ProtobufCMessage *request,
                             const ProtobufCMessageDescriptor *part_type, convd_stream **out, convd_status *status);

/* Waits up to timeout_ms (-1: as long as it takes) for the stream's next part.
 *   CONVD_OK with *part set: a part; free it with protobuf_c_message_free_unpacked(*part, NULL).
 *   CONVD_OK with *part NULL: the server ended the stream.
 *   CONVD_DEADLINE_EXCEEDED: nothing came in time; the stream is still open, call again.
 *   anything else: the stream ended with that status (e.g. UNAVAILABLE when convd shuts down). */
convd_code convd_stream_next(convd_stream *stream, int timeout_ms, ProtobufCMessage **part, convd_status *status);

/* Cancels the stream on the server unless it has ended, and frees it; the client can call again. */
void convd_stream_close(convd_stream *stream);

/* Closes the connection (and a stream still open on it) and frees the client. */
void convd_close(convd_client *client);

/* The framed bytes of a request (length prefix + message), malloc'd into *out.
 * Returns the length; the golden vector tests use it. */
size_t convd_frame_request(const Convd__V1__Request *request, uint8_t **out);

#ifdef __cplusplus
}
#endif
#endif
