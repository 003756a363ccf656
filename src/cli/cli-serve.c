/*
 * tsunagari serve: the REST API until SIGTERM or SIGINT.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <glib-unix.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "core/i18n.h"
#include "http/server.h"
#include "service/database.h"
#include "service/notices.h"

/* glibc hands the free top of a thread's heap back to the kernel as soon
 * as it passes 128 KiB, and takes it back with page faults on the next
 * allocation.  The writer thread frees about that much at the end of every
 * savepoint (SQLite's statement journal): under load the trimming and
 * faulting tripled the CPU cost of a write (docs/performance.md, run E).
 * A long-running server keeps up to 16 MiB per arena instead. */
static void
tune_malloc (void)
{
#ifdef __GLIBC__
  mallopt (M_TRIM_THRESHOLD, 16 * 1024 * 1024);
#endif
}

/* Every connection is a file descriptor, and the soft limit is often
 * 1024 (systemd's default) below a much higher hard limit: take the hard
 * one.  The connection limit is then fitted below what we have. */
static rlim_t
raise_open_file_limit (void)
{
  struct rlimit rl;

  if (getrlimit (RLIMIT_NOFILE, &rl) != 0)
    return 0;
  if (rl.rlim_cur < rl.rlim_max)
    {
      rlim_t want = rl.rlim_max;
      rl.rlim_cur = want;
      if (setrlimit (RLIMIT_NOFILE, &rl) != 0)
        getrlimit (RLIMIT_NOFILE, &rl);
    }
  return rl.rlim_cur;
}

/* ---- systemd's notification protocol, by hand ------------------------ */

/* sd_notify(3) without libsystemd: one datagram per message to the unix
 * socket named in $NOTIFY_SOCKET ("@name" for the abstract namespace).
 * Without the variable (not started by systemd) nothing is sent. */
typedef struct {
  GSocket        *socket;
  GSocketAddress *address;
  TsHttpServer   *server;
  guint           watchdog_id;
} Notifier;

static void
notifier_init (Notifier *n, TsHttpServer *server)
{
  const char *path = g_getenv ("NOTIFY_SOCKET");

  n->server = server;
  if (path == NULL || (path[0] != '/' && path[0] != '@') || path[1] == '\0')
    return;
  n->socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_DATAGRAM,
                            G_SOCKET_PROTOCOL_DEFAULT, NULL);
  if (n->socket == NULL)
    return;
  if (path[0] == '@')
    n->address = g_unix_socket_address_new_with_type (path + 1, -1,
                                                      G_UNIX_SOCKET_ADDRESS_ABSTRACT);
  else
    n->address = g_unix_socket_address_new (path);
}

static void
notifier_send (Notifier *n, const char *message)
{
  g_autoptr(GError) error = NULL;

  if (n->socket == NULL)
    return;
  if (g_socket_send_to (n->socket, n->address, message, strlen (message), NULL, &error) < 0)
    g_warning ("NOTIFY_SOCKET: %s", error->message);
}

/* The ping comes from the main loop, which runs libsoup and accepts
 * connections, and only while the server takes connections: a loop that
 * is stuck, or a server that stopped accepting, misses it and systemd
 * restarts the service after WatchdogSec. */
static gboolean
watchdog_ping (gpointer user_data)
{
  Notifier *n = user_data;

  if (ts_http_server_is_accepting (n->server))
    notifier_send (n, "WATCHDOG=1");
  else
    g_warning ("not accepting connections: the watchdog is not pinged");
  return G_SOURCE_CONTINUE;
}

/* $WATCHDOG_USEC (and $WATCHDOG_PID, when set, naming us): ping at half
 * the interval, as sd_watchdog_enabled(3) advises. */
static void
notifier_start_watchdog (Notifier *n)
{
  const char *usec_text = g_getenv ("WATCHDOG_USEC");
  const char *pid_text = g_getenv ("WATCHDOG_PID");
  guint64 usec;

  if (n->socket == NULL || usec_text == NULL)
    return;
  if (pid_text != NULL && g_ascii_strtoull (pid_text, NULL, 10) != (guint64) getpid ())
    return;
  usec = g_ascii_strtoull (usec_text, NULL, 10);
  if (usec == 0)
    return;
  n->watchdog_id = g_timeout_add (MAX ((guint) (usec / 2000), 1), watchdog_ping, n);
}

static void
notifier_clear (Notifier *n)
{
  if (n->watchdog_id != 0)
    g_source_remove (n->watchdog_id);
  g_clear_object (&n->socket);
  g_clear_object (&n->address);
}

static gboolean
on_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* "127.0.0.1:8080", "[::1]:8080" or ":8080" (all addresses). */
static gboolean
parse_listen (const char *text, char **host, guint *port)
{
  const char *colon;
  guint64 p;
  char *end;

  if (text == NULL)
    return FALSE;
  colon = strrchr (text, ':');
  if (colon == NULL)
    return FALSE;
  p = g_ascii_strtoull (colon + 1, &end, 10);
  if (*end != '\0' || end == colon + 1 || p > 65535)
    return FALSE;
  if (text[0] == '[' && colon > text && colon[-1] == ']')
    *host = g_strndup (text + 1, (gsize) (colon - text - 2));
  else if (colon == text)
    *host = g_strdup ("0.0.0.0");
  else
    *host = g_strndup (text, (gsize) (colon - text));
  *port = (guint) p;
  return TRUE;
}

int
ts_cli_serve (int argc, char **argv)
{
  g_autofree char *database = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *host = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TsService) service = NULL;
  g_autoptr(TsHttpServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  guint port = 0;
  Notifier notifier = { 0 };
  TsNoticeWorker *notices = NULL;
  rlim_t open_files;
  const GOptionEntry entries[] = {
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &listen, N_("Address to listen on (default 127.0.0.1:8080)"), N_("HOST:PORT") },
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path, N_("Configuration file (GKeyFile)"), N_("FILE") },
    { NULL }
  };

  if (!ts_cli_parse_options (&argc, &argv,
                             _("Serves the REST API.  On SIGTERM or SIGINT it stops accepting\n"
                               "connections, finishes the requests in flight and exits 0."),
                             &database, entries))
    return 2;
  if (!parse_listen (listen != NULL ? listen : "127.0.0.1:8080", &host, &port))
    return ts_cli_usage_error (_("--listen must be HOST:PORT"));

  service = ts_cli_open_for_matching (database, config_path);
  if (service == NULL)
    return 1;
  tune_malloc ();
  open_files = raise_open_file_limit ();
  loop = g_main_loop_new (NULL, FALSE);
  server = ts_http_server_new (service);
  if (!ts_http_server_listen (server, host, port, &error))
    return ts_cli_fail (NULL, error);
  g_unix_signal_add (SIGTERM, on_signal, loop);
  g_unix_signal_add (SIGINT, on_signal, loop);

  /* Tests and scripts read the port from this line when asked for port 0. */
  printf ("tsunagari: listening on http://%s:%u/\n", host, ts_http_server_get_port (server));
  printf ("tsunagari: at most %u connections (open-file limit %lu)\n",
          ts_http_server_get_connection_limit (server), (unsigned long) open_files);
  fflush (stdout);

  notifier_init (&notifier, server);
  notifier_send (&notifier, "READY=1");
  notifier_start_watchdog (&notifier);
  /* The daily notices and their mail, on a thread of their own. */
  notices = ts_notice_worker_start (service);

  g_main_loop_run (loop);

  notifier_send (&notifier, "STOPPING=1");
  ts_http_server_shutdown (server);
  ts_notice_worker_stop (notices);
  notifier_clear (&notifier);
  ts_service_close_database (service);
  printf ("tsunagari: stopped\n");
  return 0;
}
