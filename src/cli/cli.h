#pragma once

int ts_cli_main (int argc, char **argv);
