/*
 * What the connection tracker (connections.c) and its streams
 * (conn-stream.c) share: one tracked connection and the two streams that
 * stand between its socket and libsoup.  Private to http/connections*.c.
 */
#pragma once

#include "core/i18n.h"
#include "http/connections.h"

G_BEGIN_DECLS

typedef enum {
  CONN_WAIT,      /* no byte of the next request yet */
  CONN_HEAD,      /* reading a request head */
  CONN_BODY,      /* reading a request body */
  CONN_BUSY,      /* handled, or its answer being written: no deadline */
  CONN_DROPPED,   /* every read fails; libsoup is letting it go */
  CONN_LINGER,    /* answered by us: drained, then closed */
} ConnState;

typedef struct _Conn Conn;
typedef struct _TsHeadStream TsHeadStream;
typedef struct _TsConnStream TsConnStream;

struct _Conn {
  TsConnections  *owner;
  GList           link;          /* in owner->conns */
  GSocket        *socket;
  GIOStream      *base;          /* the GSocketConnection */
  GSocketAddress *remote;        /* libsoup's key back to us (qdata) */
  TsConnStream   *stream;        /* weak: what libsoup holds, until it lets go */
  TsHeadStream   *input;         /* weak, likewise */
  ConnState       state;
  gint64          since;         /* when it entered its state */
  gboolean        linger;        /* answered by us: drain before closing */
  GSource        *linger_source;
  /* the request head being read */
  gsize           head_bytes;
  gsize           line_bytes;
  gboolean        in_request_line;
  gboolean        head_done;
  char            line[96];      /* the start of the current header line */
  gsize           line_len;
  guint           n_length;      /* Content-Length lines */
  guint           n_coding;      /* Transfer-Encoding lines */
  TsLanguage      language;
};

/* Sees every byte libsoup reads: moves the connection from waiting to
 * reading a head, measures the head, and once the connection is dropped
 * makes every read fail, so that libsoup lets it go.
 *
 * libsoup 3.2 releases a connection only when the message being read has
 * "started", which it decides by having a byte of it: a connection that
 * fails before its next request's first byte would stay in its list for
 * good (the idle-connection leak fixed in 3.3.0).  So the first failing
 * read hands it "\001\n", a line that completes no head (a head ends with
 * an empty line) and no request, and every later read fails. */
struct _TsHeadStream {
  GFilterInputStream parent_instance;
  Conn     *conn;               /* NULL once the connection is forgotten */
  gboolean  failing;
  gboolean  gave_line;
  GSource  *source;             /* the last one libsoup waits on; it holds
                                 * the stream: let go when failing */
};

#define TS_TYPE_HEAD_STREAM (ts_head_stream_get_type ())
G_DECLARE_FINAL_TYPE (TsHeadStream, ts_head_stream, TS, HEAD_STREAM, GFilterInputStream)

/* The socket connection with TsHeadStream as its input.  libsoup closes it
 * when it is done with the connection, which tells us. */
struct _TsConnStream {
  GIOStream     parent_instance;
  GIOStream    *base;
  GInputStream *input;
  Conn         *conn;            /* NULL once the connection is forgotten */
};

#define TS_TYPE_CONN_STREAM (ts_conn_stream_get_type ())
G_DECLARE_FINAL_TYPE (TsConnStream, ts_conn_stream, TS, CONN_STREAM, GIOStream)

void     ts_head_stream_wake (TsHeadStream *self);

/* connections.c, for the streams */
gboolean ts_conn_scan        (Conn         *c,
                              const guint8 *data,
                              gsize         n);
void     ts_conn_release     (Conn         *c);
void     ts_conn_drop        (Conn         *c);

G_END_DECLS
