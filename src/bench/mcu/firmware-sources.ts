/**
 * The fixed parts of the Cortex-M4 test firmware, written for QEMU's `mps2-an386` board
 * (Arm AN386 FPGA image: Cortex-M4 with FPU). Memory map used (QEMU docs, hw/arm/mps2.c):
 * 4 MB ZBT SSRAM1 at 0x00000000 holds code and constants (our "flash", the vector table sits
 * at its start because VTOR resets to 0), 4 MB SSRAM2/3 at 0x20000000 holds data, bss and the
 * stack; the CMSDK APB Timer0 at 0x40000000 counts down at the 25 MHz system clock.
 */

/** Semihosting, the timer and stack painting: shared by the startup file and the runner. */
export const HARNESS_HEADER = `#ifndef EF_HARNESS_H
#define EF_HARNESS_H
#include <stdint.h>

/* ARM semihosting on M-profile: BKPT 0xAB with the operation in r0 and its argument in r1. */
#define EF_SYS_WRITE0 0x04u
#define EF_SYS_EXIT 0x18u
#define EF_EXIT_OK 0x20026u /* ADP_Stopped_ApplicationExit: QEMU exits with status 0 */
#define EF_EXIT_ERROR 0x20023u /* ADP_Stopped_RunTimeErrorUnknown: QEMU exits with status 1 */

static inline uint32_t ef_semihost(uint32_t operation, const void *argument) {
  register uint32_t r0 __asm__("r0") = operation;
  register const void *r1 __asm__("r1") = argument;
  __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

static inline void ef_print(const char *text) { (void)ef_semihost(EF_SYS_WRITE0, text); }

static inline void ef_exit(uint32_t reason) {
  for (;;) (void)ef_semihost(EF_SYS_EXIT, (const void *)reason);
}

/* CMSDK APB Timer0: CTRL, VALUE, RELOAD. VALUE counts down once per 25 MHz clock. */
#define EF_TIMER0 ((volatile uint32_t *)0x40000000u)

static inline void ef_timer_start(void) {
  EF_TIMER0[0] = 0u;
  EF_TIMER0[2] = 0xFFFFFFFFu;
  EF_TIMER0[1] = 0xFFFFFFFFu;
  EF_TIMER0[0] = 1u;
}

static inline uint32_t ef_timer_now(void) { return EF_TIMER0[1]; }

static inline uint32_t *ef_stack_pointer(void) {
  uint32_t *sp;
  __asm__ volatile("mov %0, sp" : "=r"(sp));
  return sp;
}

#endif
`;

/** Vector table, reset handler (FPU on, .data copied, .bss zeroed), fault handler. */
export const STARTUP_SOURCE = `#include "ef_harness.h"

extern uint32_t __data_load__[], __data_start__[], __data_end__[], __bss_start__[], __bss_end__[];
extern uint32_t __stack_top__[];
int main(void);

void ef_reset(void);
void ef_fault(void);

/* The fault handler reports and stops QEMU with a failure status instead of hanging. */
void ef_fault(void) {
  ef_print("FAULT\\n");
  ef_exit(EF_EXIT_ERROR);
}

void ef_reset(void) {
  /* CPACR: full access to CP10/CP11 before any floating-point instruction (-mfloat-abi=hard). */
  *(volatile uint32_t *)0xE000ED88u |= 0xFu << 20;
  __asm__ volatile("dsb\\n\\tisb" ::: "memory");
  /* volatile stores keep the compiler from turning these loops into library calls */
  volatile uint32_t *to = __data_start__;
  const uint32_t *from = __data_load__;
  while (to < __data_end__) *to++ = *from++;
  for (to = __bss_start__; to < __bss_end__;) *to++ = 0u;
  ef_exit(main() == 0 ? EF_EXIT_OK : EF_EXIT_ERROR);
}

typedef void (*ef_vector)(void);

/* Initial stack pointer, reset, then the 14 Cortex-M4 system exceptions (faults share one handler). */
__attribute__((section(".vectors"), used)) const ef_vector ef_vectors[16] = {
    (ef_vector)__stack_top__, ef_reset, ef_fault, ef_fault, ef_fault, ef_fault, ef_fault, 0, 0, 0, 0,
    ef_fault, ef_fault, 0, ef_fault, ef_fault,
};
`;

/** Bytes of RAM reserved for the stack at the top of SSRAM2/3 (painted, so its use is measured). */
export const STACK_RESERVE_BYTES = 16 * 1024;

/**
 * The linker script. The stack is no output section (only symbols), so `size` reports the
 * image's own data and bss; the stack's use comes from painting instead.
 */
export const LINKER_SCRIPT = `ENTRY(ef_reset)

MEMORY
{
  FLASH (rx) : ORIGIN = 0x00000000, LENGTH = 4M
  RAM (rwx) : ORIGIN = 0x20000000, LENGTH = 4M
}

SECTIONS
{
  .vectors : { KEEP(*(.vectors)) } > FLASH
  .text : { *(.text .text.*) } > FLASH
  .rodata : { *(.rodata .rodata.*) . = ALIGN(4); } > FLASH
  .ARM.exidx : { *(.ARM.exidx .ARM.exidx.* .gnu.linkonce.armexidx.*) } > FLASH
  .data : ALIGN(4) { __data_start__ = .; *(.data .data.*) . = ALIGN(4); __data_end__ = .; } > RAM AT > FLASH
  __data_load__ = LOADADDR(.data);
  .bss (NOLOAD) : ALIGN(4) { __bss_start__ = .; *(.bss .bss.* COMMON) . = ALIGN(4); __bss_end__ = .; } > RAM
  __stack_top__ = ORIGIN(RAM) + LENGTH(RAM);
  __stack_limit__ = __stack_top__ - ${STACK_RESERVE_BYTES};
  ASSERT(__bss_end__ <= __stack_limit__, "data and bss overlap the stack reserve")
}
`;
