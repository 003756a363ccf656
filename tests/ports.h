/*
 * Network helpers shared by the in-process harness (harness.c) and the
 * process tests (process.c).
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A loopback TCP port that nobody listens on now: for a server a test
 * starts later, or for one that must refuse connections. */
guint ts_test_free_port (void);

G_END_DECLS
