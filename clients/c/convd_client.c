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
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

struct convd_client {
    int fd;
    uint64_t next_call_id;
    uint32_t max_frame;
    char *path;
    int broken; /* the stream is out of step (a refused or cut frame): no further call can be read */
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

convd_code convd_connect(const char *socket_path, int timeout_ms, convd_client **out, convd_status *status) {
    *out = NULL;
    if (!socket_path) socket_path = getenv("CONVD_SOCKET");
    if (!socket_path || !*socket_path) return fail(status, CONVD_UNAVAILABLE, "no socket path (set CONVD_SOCKET)");
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

static void set_read_timeout(int fd, uint32_t timeout_ms) {
    struct timeval tv = {.tv_sec = timeout_ms / 1000, .tv_usec = (timeout_ms % 1000) * 1000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

convd_code convd_call(convd_client *client, const char *method, const ProtobufCMessage *request,
                      const ProtobufCMessageDescriptor *response_type, ProtobufCMessage **response,
                      const convd_call_options *options, convd_status *status) {
    *response = NULL;
    convd_status_clear(status);
    if (client->broken)
        return fail(status, CONVD_UNAVAILABLE, "connection to convd at %s is unusable after an earlier error; reconnect", client->path);
    Convd__V1__Request envelope = CONVD__V1__REQUEST__INIT;
    envelope.call_id = client->next_call_id++;
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
    if (sent < 0) client->broken = 1;
    if (sent < 0) return fail(status, CONVD_UNAVAILABLE, "cannot send to convd at %s: %s", client->path, strerror(errno));
    /* The server enforces the deadline; this only covers a server that hangs. */
    set_read_timeout(client->fd, options && options->timeout_ms ? options->timeout_ms + 1000 : 0);

    for (;;) {
        uint8_t header[4];
        if (read_all(client->fd, header, 4) < 0) {
            client->broken = 1;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return fail(status, CONVD_DEADLINE_EXCEEDED, "no reply to %s within its deadline", method);
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
        if (reply->call_id != 0 && reply->call_id != envelope.call_id) {  /* not ours: skip */
            convd__v1__response__free_unpacked(reply, NULL);
            continue;
        }
        convd_code code = reply->status ? (convd_code)reply->status->code : CONVD_OK;
        if (code != CONVD_OK || reply->call_id == 0) {
            if (code == CONVD_OK) code = CONVD_UNKNOWN;
            fail(status, code, "%s", reply->status && reply->status->message ? reply->status->message : "");
        } else if (reply->more) {
            fail(status, CONVD_UNIMPLEMENTED, "%s streams; convd_call handles unary calls only", method);
            code = CONVD_UNIMPLEMENTED;
        } else {
            *response = protobuf_c_message_unpack(response_type, NULL, reply->payload.len, reply->payload.data);
            if (!*response) {
                fail(status, CONVD_INTERNAL, "reply to %s is not a valid %s", method, response_type->name);
                code = CONVD_INTERNAL;
            }
        }
        convd__v1__response__free_unpacked(reply, NULL);
        return code;
    }
}
