#include "cli/cli.h"

#include <stdio.h>

int
ts_cli_demo (int argc, char **argv)
{
  (void) argc;
  (void) argv;
  fprintf (stderr, "demo: not yet\n");
  return 1;
}
