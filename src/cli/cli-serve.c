/*
 * tsunagari serve: the REST API until SIGTERM or SIGINT.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib-unix.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "core/i18n.h"
#include "http/server.h"
#include "service/matching.h"

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
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsService) service = NULL;
  g_autoptr(TsHttpServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  guint port = 0;
  const GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database, N_("SQLite database file"), N_("PATH") },
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &listen, N_("Address to listen on (default 127.0.0.1:8080)"), N_("HOST:PORT") },
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path, N_("Configuration file (GKeyFile)"), N_("FILE") },
    { NULL }
  };

  g_option_context_set_summary (context,
                                _("Serves the REST API.  On SIGTERM or SIGINT it stops accepting\n"
                                  "connections, finishes the requests in flight and exits 0."));
  g_option_context_add_main_entries (context, entries, NULL);
  if (!ts_cli_parse (context, &argc, &argv))
    return 2;
  if (!parse_listen (listen != NULL ? listen : "127.0.0.1:8080", &host, &port))
    {
      fprintf (stderr, "%s\n", _("--listen must be HOST:PORT"));
      return 2;
    }

  service = ts_cli_open (database, config_path, &error);
  /* A bad [matching] section is found now, not at the first request. */
  if (service == NULL || ts_service_matching_config (service, &error) == NULL)
    {
      ts_cli_error (error);
      return 1;
    }
  tune_malloc ();
  loop = g_main_loop_new (NULL, FALSE);
  server = ts_http_server_new (service);
  if (!ts_http_server_listen (server, host, port, &error))
    {
      ts_cli_error (error);
      return 1;
    }
  g_unix_signal_add (SIGTERM, on_signal, loop);
  g_unix_signal_add (SIGINT, on_signal, loop);

  /* Tests and scripts read the port from this line when asked for port 0. */
  printf ("tsunagari: listening on http://%s:%u/\n", host, ts_http_server_get_port (server));
  fflush (stdout);

  g_main_loop_run (loop);

  ts_http_server_shutdown (server);
  ts_store_close (ts_service_get_store (service));
  printf ("tsunagari: stopped\n");
  return 0;
}
