/* convd_client: see convd_client.h. Safe against short reads and writes and EINTR. */
#define _GNU_SOURCE
#include "convd_client.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

struct convd_client {
    int fd;
    uint64_t next_call_id;
    uint32_t max_frame;
    char *path;
    int broken; /* the stream is out of step (a refused or cut frame): no further call can be read */
    convd_stream *open_stream; /* a stream in progress occupies the client until it is closed */
};

struct convd_stream {
    convd_client *client;
    uint64_t call_id;
    const ProtobufCMessageDescriptor *part_type;
    int ended; /* the server ended it (its last reply came), so closing sends no cancel */
};

static const char *const code_names[] = {
    "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
    "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
    "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
};

const char *convd_code_name(convd_code code) {
    return (unsigned)code <= CONVD_UNAUTHENTICATED ? code_names[code] : "UNKNOWN";
}

void convd_status_clear(convd_status *status) {
    if (!status) return;
    free(status->message);
    status->message = NULL;
    status->code = CONVD_OK;
}

static convd_code fail(convd_status *status, convd_code code, const char *fmt, ...) {
    if (!status) return code;
    free(status->message);
    status->code = code;
    va_list ap;
    va_start(ap, fmt);
    if (vasprintf(&status->message, fmt, ap) < 0) status->message = NULL;
    va_end(ap);
    return code;
}

size_t convd_default_socket_path(char *buf, size_t size) {
    const char *env;
    int n;
    if ((env = getenv("CONVD_SOCKET")) && *env) n = snprintf(buf, size, "%s", env);
    else if ((env = getenv("CONVD_DATA_DIR")) && *env) n = snprintf(buf, size, "%s/convd.sock", env);
    else if ((env = getenv("XDG_STATE_HOME")) && *env) n = snprintf(buf, size, "%s/convd/convd.sock", env);
    else if ((env = getenv("HOME")) && *env) n = snprintf(buf, size, "%s/.local/state/convd/convd.sock", env);
    else n = snprintf(buf, size, "convd.sock");
    return n < 0 ? 0 : (size_t)n;
}

convd_code convd_connect(const char *socket_path, int timeout_ms, convd_client **out, convd_status *status) {
    *out = NULL;
    char found[4096];
    if (!socket_path) {
        if (convd_default_socket_path(found, sizeof found) >= sizeof found)
            return fail(status, CONVD_UNAVAILABLE, "the default socket path is too long");
        socket_path = found;
    }
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    if (strlen(socket_path) >= sizeof addr.sun_path)
        return fail(status, CONVD_UNAVAILABLE, "socket path too long: %s", socket_path);
    strcpy(addr.sun_path, socket_path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) return fail(status, CONVD_UNAVAILABLE, "socket: %s", strerror(errno));
    int rc;
    do { rc = connect(fd, (struct sockaddr *)&addr, sizeof addr); } while (rc < 0 && errno == EINTR);
    if (rc < 0 && (errno == EINPROGRESS || errno == EAGAIN)) {
        struct pollfd p = {.fd = fd, .events = POLLOUT};
        int ready;
        do { ready = poll(&p, 1, timeout_ms); } while (ready < 0 && errno == EINTR);
        int err = 0;
        socklen_t len = sizeof err;
        if (ready == 0) err = ETIMEDOUT;
        else if (ready < 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0) err = errno;
        rc = err ? -1 : 0;
        errno = err;
    }
    if (rc < 0) {
        int err = errno;
        close(fd);
        return fail(status, CONVD_UNAVAILABLE, "cannot reach convd at %s: %s", socket_path, strerror(err));
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    convd_client *c = calloc(1, sizeof *c);
    if (!c) { close(fd); return fail(status, CONVD_INTERNAL, "out of memory"); }
    c->fd = fd;
    c->next_call_id = 1;
    c->max_frame = CONVD_DEFAULT_MAX_FRAME;
    c->path = strdup(socket_path);
    *out = c;
    return CONVD_OK;
}

void convd_set_max_frame(convd_client *client, uint32_t max_frame) { client->max_frame = max_frame; }

void convd_close(convd_client *client) {
    if (!client) return;
    if (client->open_stream) convd_stream_close(client->open_stream);
    close(client->fd);
    free(client->path);
    free(client);
}

size_t convd_frame_request(const Convd__V1__Request *request, uint8_t **out) {
    size_t n = convd__v1__request__get_packed_size(request);
    uint8_t *buf = malloc(4 + n);
    if (!buf) { *out = NULL; return 0; }
    buf[0] = (uint8_t)(n >> 24); buf[1] = (uint8_t)(n >> 16); buf[2] = (uint8_t)(n >> 8); buf[3] = (uint8_t)n;
    convd__v1__request__pack(request, buf + 4);
    *out = buf;
    return 4 + n;
}

/* Writes all of buf, retrying short writes and EINTR. */
static int write_all(int fd, const uint8_t *buf, size_t len) {
    while (len > 0) {
        ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Reads exactly len bytes, retrying short reads and EINTR. 0 on success, -1 on error or end. */
static int read_all(int fd, uint8_t *buf, size_t len) {
    while (len > 0) {
        ssize_t n = recv(fd, buf, len, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) { if (n == 0) errno = ECONNRESET; return -1; }
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Sends one call's envelope; on failure the client is broken and status says why. */
static convd_code send_call(convd_client *client, uint64_t call_id, const char *method, const ProtobufCMessage *request,
                            const convd_call_options *options, convd_status *status) {
    Convd__V1__Request envelope = CONVD__V1__REQUEST__INIT;
    envelope.call_id = call_id;
    envelope.method = (char *)method;
    size_t payload_len = protobuf_c_message_get_packed_size(request);
    uint8_t *payload = malloc(payload_len ? payload_len : 1);
    if (!payload) return fail(status, CONVD_INTERNAL, "out of memory");
    protobuf_c_message_pack(request, payload);
    envelope.payload.data = payload;
    envelope.payload.len = payload_len;
    if (options) {
        envelope.timeout_ms = options->timeout_ms;
        if (options->idempotency_key) envelope.idempotency_key = (char *)options->idempotency_key;
    }
    uint8_t *frame;
    size_t frame_len = convd_frame_request(&envelope, &frame);
    free(payload);
    if (!frame) return fail(status, CONVD_INTERNAL, "out of memory");
    int sent = write_all(client->fd, frame, frame_len);
    free(frame);
    if (sent < 0) {
        client->broken = 1;
        return fail(status, CONVD_UNAVAILABLE, "cannot send to convd at %s: %s", client->path, strerror(errno));
    }
    return CONVD_OK;
}

/* Reads the next reply for call_id (or for the connection, call_id 0), skipping late replies to
 * earlier calls. wait_ms < 0 waits as long as it takes; when nothing arrives within wait_ms it
 * returns DEADLINE_EXCEEDED and the connection stays usable (no frame was begun). */
static convd_code read_reply(convd_client *client, uint64_t call_id, int wait_ms, const char *what,
                             Convd__V1__Response **out, convd_status *status) {
    *out = NULL;
    for (;;) {
        if (wait_ms >= 0) {
            struct pollfd p = {.fd = client->fd, .events = POLLIN};
            int ready;
            do { ready = poll(&p, 1, wait_ms); } while (ready < 0 && errno == EINTR);
            if (ready == 0) return fail(status, CONVD_DEADLINE_EXCEEDED, "no reply to %s within %d ms", what, wait_ms);
        }
        uint8_t header[4];
        if (read_all(client->fd, header, 4) < 0) {
            client->broken = 1;
            return fail(status, CONVD_UNAVAILABLE, "connection to convd at %s closed: %s", client->path, strerror(errno));
        }
        uint32_t len = (uint32_t)header[0] << 24 | (uint32_t)header[1] << 16 | (uint32_t)header[2] << 8 | header[3];
        if (len > client->max_frame) {
            client->broken = 1;
            return fail(status, CONVD_RESOURCE_EXHAUSTED, "reply frame of %u bytes exceeds the maximum of %u bytes",
                        len, client->max_frame);
        }
        uint8_t *body = malloc(len ? len : 1);
        if (!body) return fail(status, CONVD_INTERNAL, "out of memory");
        if (read_all(client->fd, body, len) < 0) {
            client->broken = 1;
            free(body);
            return fail(status, CONVD_UNAVAILABLE, "connection to convd at %s closed mid-reply", client->path);
        }
        Convd__V1__Response *reply = convd__v1__response__unpack(NULL, len, body);
        free(body);
        if (!reply) {
            client->broken = 1;
            return fail(status, CONVD_INTERNAL, "undecodable reply from convd");
        }
        if (reply->call_id != 0 && reply->call_id != call_id) {  /* a late reply to an earlier call */
            convd__v1__response__free_unpacked(reply, NULL);
            continue;
        }
        convd_code code = reply->status ? (convd_code)reply->status->code : CONVD_OK;
        if (code != CONVD_OK || reply->call_id == 0) {
            if (code == CONVD_OK) code = CONVD_UNKNOWN;
            fail(status, code, "%s", reply->status && reply->status->message ? reply->status->message : "");
            convd__v1__response__free_unpacked(reply, NULL);
            return code;
        }
        *out = reply;
        return CONVD_OK;
    }
}

static convd_code busy(convd_client *client, convd_status *status) {
    if (client->broken)
        return fail(status, CONVD_UNAVAILABLE, "connection to convd at %s is unusable after an earlier error; reconnect",
                    client->path);
    if (client->open_stream)
        return fail(status, CONVD_FAILED_PRECONDITION, "a stream is open on this client; close it first");
    return CONVD_OK;
}

convd_code convd_call(convd_client *client, const char *method, const ProtobufCMessage *request,
                      const ProtobufCMessageDescriptor *response_type, ProtobufCMessage **response,
                      const convd_call_options *options, convd_status *status) {
    *response = NULL;
    convd_status_clear(status);
    convd_code code = busy(client, status);
    if (code != CONVD_OK) return code;
    uint64_t call_id = client->next_call_id++;
    if ((code = send_call(client, call_id, method, request, options, status)) != CONVD_OK) return code;
    /* The server enforces the deadline; the extra second only covers a server that hangs. */
    int wait_ms = options && options->timeout_ms ? (int)(options->timeout_ms > INT32_MAX - 1000 ? INT32_MAX : options->timeout_ms + 1000) : -1;
    Convd__V1__Response *reply;
    /* A reply that comes after a local DEADLINE_EXCEEDED is skipped by the next call (its call_id). */
    if ((code = read_reply(client, call_id, wait_ms, method, &reply, status)) != CONVD_OK) return code;
    if (reply->more) {
        code = fail(status, CONVD_UNIMPLEMENTED, "%s streams; use convd_stream_open", method);
    } else {
        *response = protobuf_c_message_unpack(response_type, NULL, reply->payload.len, reply->payload.data);
        if (!*response) code = fail(status, CONVD_INTERNAL, "reply to %s is not a valid %s", method, response_type->name);
    }
    convd__v1__response__free_unpacked(reply, NULL);
    return code;
}

convd_code convd_stream_open(convd_client *client, const char *method, const ProtobufCMessage *request,
                             const ProtobufCMessageDescriptor *part_type, convd_stream **out, convd_status *status) {
    *out = NULL;
    convd_status_clear(status);
    convd_code code = busy(client, status);
    if (code != CONVD_OK) return code;
    convd_stream *stream = calloc(1, sizeof *stream);
    if (!stream) return fail(status, CONVD_INTERNAL, "out of memory");
    stream->client = client;
    stream->call_id = client->next_call_id++;
    stream->part_type = part_type;
    if ((code = send_call(client, stream->call_id, method, request, NULL, status)) != CONVD_OK) {
        free(stream);
        return code;
    }
    client->open_stream = stream;
    *out = stream;
    return CONVD_OK;
}

convd_code convd_stream_next(convd_stream *stream, int timeout_ms, ProtobufCMessage **part, convd_status *status) {
    *part = NULL;
    convd_status_clear(status);
    if (stream->ended) return CONVD_OK;
    convd_client *client = stream->client;
    if (client->broken)
        return fail(status, CONVD_UNAVAILABLE, "connection to convd at %s is unusable after an earlier error", client->path);
    Convd__V1__Response *reply;
    convd_code code = read_reply(client, stream->call_id, timeout_ms, "the stream", &reply, status);
    if (code != CONVD_OK) {
        if (code != CONVD_DEADLINE_EXCEEDED) stream->ended = 1;  /* the server ended it with an error */
        return code;
    }
    if (!reply->more) {
        stream->ended = 1;  /* the end of the stream: OK with no part */
    } else {
        *part = protobuf_c_message_unpack(stream->part_type, NULL, reply->payload.len, reply->payload.data);
        if (!*part) code = fail(status, CONVD_INTERNAL, "a part is not a valid %s", stream->part_type->name);
    }
    convd__v1__response__free_unpacked(reply, NULL);
    return code;
}

void convd_stream_close(convd_stream *stream) {
    if (!stream) return;
    convd_client *client = stream->client;
    if (!stream->ended && !client->broken) {
        /* Cancel it; its last replies are skipped by the next call (they carry this call's ID). */
        Convd__V1__Request cancel = CONVD__V1__REQUEST__INIT;
        cancel.call_id = stream->call_id;
        cancel.cancel = 1;
        uint8_t *frame;
        size_t frame_len = convd_frame_request(&cancel, &frame);
        if (frame && write_all(client->fd, frame, frame_len) < 0) client->broken = 1;
        free(frame);
    }
    client->open_stream = NULL;
    free(stream);
}
