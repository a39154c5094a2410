/**
 * The timing harness compiled with a generated C library: reads the windows (raw model-input
 * values) from a binary file, writes every window's outputs to another, then times warm-up,
 * single-window and batched calls of <name>_invoke with the monotonic clock, the process CPU
 * clock over the timed calls, and the resident set size before and after the model ran.
 * Arguments: inputs.bin outputs.bin count runs batch batch_runs warmup.
 */
export function harnessSource(name: string): string {
  const u = name.toUpperCase();
  return `#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include "${name}.h"

static double clock_ns(clockid_t clock) {
  struct timespec t;
  clock_gettime(clock, &t);
  return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

/* Resident bytes from /proc/self/statm, or -1 where there is none. */
static long resident_bytes(void) {
  long pages = 0, resident = -1;
  FILE *file = fopen("/proc/self/statm", "r");
  if (file == NULL) return -1;
  if (fscanf(file, "%ld %ld", &pages, &resident) != 2) resident = -1;
  fclose(file);
  return resident < 0 ? -1 : resident * sysconf(_SC_PAGESIZE);
}

static void print_times(const char *label, const double *times, long count) {
  long i;
  printf("%s", label);
  for (i = 0; i < count; i++) printf(" %.0f", times[i]);
  printf("\\n");
}

int main(int argc, char **argv) {
  long count, runs, batch, batch_runs, warmup, i, b, rss_before;
  ${name}_input_t *inputs;
  ${name}_output_t *outputs;
  double *single, *batched, cpu_start, wall_start, started;
  FILE *file;
  if (argc != 8) {
    fprintf(stderr, "usage: %s inputs.bin outputs.bin count runs batch batch_runs warmup\\n", argv[0]);
    return 2;
  }
  count = atol(argv[3]);
  runs = atol(argv[4]);
  batch = atol(argv[5]);
  batch_runs = atol(argv[6]);
  warmup = atol(argv[7]);
  inputs = malloc(sizeof(${name}_input_t) * ${u}_INPUT_COUNT * (size_t)count);
  outputs = malloc(sizeof(${name}_output_t) * ${u}_OUTPUT_COUNT * (size_t)count);
  single = malloc(sizeof(double) * (size_t)runs);
  batched = malloc(sizeof(double) * (size_t)batch_runs);
  file = fopen(argv[1], "rb");
  if (!inputs || !outputs || !single || !batched || !file ||
      fread(inputs, sizeof(${name}_input_t) * ${u}_INPUT_COUNT, (size_t)count, file) != (size_t)count) {
    fprintf(stderr, "cannot read %ld windows from %s\\n", count, argv[1]);
    return 1;
  }
  fclose(file);
  rss_before = resident_bytes();
  ${name}_init(0);
  for (i = 0; i < count; i++) ${name}_invoke(inputs + i * ${u}_INPUT_COUNT, outputs + i * ${u}_OUTPUT_COUNT);
  file = fopen(argv[2], "wb");
  if (!file || fwrite(outputs, sizeof(${name}_output_t) * ${u}_OUTPUT_COUNT, (size_t)count, file) != (size_t)count) {
    fprintf(stderr, "cannot write %s\\n", argv[2]);
    return 1;
  }
  fclose(file);
  for (i = 0; i < warmup; i++) ${name}_invoke(inputs + (i % count) * ${u}_INPUT_COUNT, outputs);
  cpu_start = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
  wall_start = clock_ns(CLOCK_MONOTONIC);
  for (i = 0; i < runs; i++) {
    started = clock_ns(CLOCK_MONOTONIC);
    ${name}_invoke(inputs + (i % count) * ${u}_INPUT_COUNT, outputs);
    single[i] = clock_ns(CLOCK_MONOTONIC) - started;
  }
  for (i = 0; i < batch_runs; i++) {
    started = clock_ns(CLOCK_MONOTONIC);
    for (b = 0; b < batch; b++) {
      ${name}_invoke(inputs + (b % count) * ${u}_INPUT_COUNT, outputs + (b % count) * ${u}_OUTPUT_COUNT);
    }
    batched[i] = clock_ns(CLOCK_MONOTONIC) - started;
  }
  printf("cpu %.0f %.0f\\n", clock_ns(CLOCK_PROCESS_CPUTIME_ID) - cpu_start, clock_ns(CLOCK_MONOTONIC) - wall_start);
  printf("rss %ld %ld\\n", rss_before, resident_bytes());
  print_times("single", single, runs);
  print_times("batch", batched, batch_runs);
  return 0;
}
`;
}
