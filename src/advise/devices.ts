/**
 * The target devices the advisor knows, with where every figure comes from (docs/devices.md
 * has the full table and the reasoning). Power, cycles per instruction and speed factors are
 * estimates: they turn measured host latency and emulated instruction counts into device
 * figures, so each carries its basis for the report to print next to the number.
 */
export type DeviceClass = 'mcu' | 'sbc' | 'phone';
/** How a model runs on the device: generated C, TensorFlow Lite Micro, or a runtime on an OS. */
export type McuRuntime = 'c' | 'tflite-micro';
export type ApRuntime = 'onnxruntime' | 'litert' | 'edgeforge' | 'c';
export type Runtime = McuRuntime | ApRuntime;

interface DeviceBase {
  id: string;
  /** Other names --device accepts (family names, short forms). */
  aliases: readonly string[];
  name: string;
  class: DeviceClass;
  core: string;
  clockMHz: number;
  ramBytes: number;
  /** On-chip (or on-module/board) flash for MCUs; storage for application processors. */
  flashBytes: number;
  /** Datasheet or product page for core, clock, RAM and flash. */
  specSource: string;
  /** Power while inferring: the core busy, radio and display off. */
  activePowerW: number;
  powerSource: string;
  fpu: boolean;
  /** Arm DSP extension (packed 16-bit multiply-accumulate), what CMSIS-NN's fast paths use. */
  dsp: boolean;
}

export interface McuDevice extends DeviceBase {
  class: 'mcu';
  runtimes: readonly McuRuntime[];
  /** Device cycles per instruction the emulated Cortex-M4 retired for the same C. */
  cyclesPerM4Instruction: number;
  cpiBasis: string;
  /** 'rough' when the core is not a Cortex-M4/M7, so the M4 instruction count is a weak basis. */
  confidence: 'estimate' | 'rough';
}

export interface ApDevice extends DeviceBase {
  class: 'sbc' | 'phone';
  runtimes: readonly ApRuntime[];
  /** Device single-thread latency = host latency × this factor. */
  hostSpeedFactor: number;
  speedBasis: string;
  confidence: 'estimate';
}

export type Device = McuDevice | ApDevice;

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;
const GB = 1e9;

const MCU_RUNTIMES: readonly McuRuntime[] = ['c', 'tflite-micro'];
const AP_RUNTIMES: readonly ApRuntime[] = ['onnxruntime', 'litert', 'edgeforge', 'c'];

/** Arm's published CoreMark/MHz: Cortex-M4 3.40, Cortex-M7 5.01, Cortex-M0+ 2.46. */
const M4_CPI = 1.25;
const M4_CPI_BASIS =
  'Cortex-M4: 1.25 cycles per instruction (loads take 2 cycles, taken branches 2-4; the flash accelerator/cache hides most but not all wait states)';
const M7_CPI = Number(((M4_CPI * 3.4) / 5.01).toFixed(2));
const M7_CPI_BASIS = `Cortex-M7 dual-issue: ${M4_CPI} x CoreMark/MHz ratio M4/M7 (3.40/5.01) = ${M7_CPI}; same Thumb-2 instruction set`;
const LOW_END_CPI = Number(((M4_CPI * 3.4) / 2.46).toFixed(2));

/** Host single-thread speed relative to each application processor (docs/devices.md, "Speed factors"). */
const HOST_GEEKBENCH5_SINGLE = 1250;

export const DEVICES: readonly Device[] = [
  {
    id: 'stm32f407',
    aliases: ['stm32f4', 'f407', 'stm32f405'],
    name: 'STM32F407 (STM32F4)',
    class: 'mcu',
    core: 'Cortex-M4F',
    clockMHz: 168,
    ramBytes: 192 * KiB,
    flashBytes: 1 * MiB,
    specSource:
      'ST DS8626 (STM32F405xx/F407xx datasheet), features page: 1 MB flash, 192 KB SRAM incl. 64 KB CCM',
    activePowerW: 0.04 * 3.3,
    powerSource:
      'ST DS8626 Table 20 "Typical and maximum current consumption in Run mode" (from flash, ART on): about 40 mA typical at 168 MHz, peripherals disabled, x 3.3 V',
    fpu: true,
    dsp: true,
    runtimes: MCU_RUNTIMES,
    cyclesPerM4Instruction: M4_CPI,
    cpiBasis: M4_CPI_BASIS,
    confidence: 'estimate',
  },
  {
    id: 'stm32f746',
    aliases: ['stm32f7', 'f746'],
    name: 'STM32F746 (STM32F7)',
    class: 'mcu',
    core: 'Cortex-M7F',
    clockMHz: 216,
    ramBytes: 320 * KiB,
    flashBytes: 1 * MiB,
    specSource:
      'ST DS10916 (STM32F745xx/F746xx datasheet), features page: 1 MB flash, 320 KB RAM incl. 64 KB DTCM',
    activePowerW: 0.1 * 3.3,
    powerSource:
      'ST DS10916 "Typical and maximum current consumption in Run mode" (from flash, ART and cache on): about 100 mA typical at 216 MHz, peripherals disabled, x 3.3 V',
    fpu: true,
    dsp: true,
    runtimes: MCU_RUNTIMES,
    cyclesPerM4Instruction: M7_CPI,
    cpiBasis: M7_CPI_BASIS,
    confidence: 'estimate',
  },
  {
    id: 'stm32h743',
    aliases: ['stm32h7', 'h743'],
    name: 'STM32H743 (STM32H7)',
    class: 'mcu',
    core: 'Cortex-M7F (double-precision FPU)',
    clockMHz: 480,
    ramBytes: 1 * MiB,
    flashBytes: 2 * MiB,
    specSource: 'ST DS12110 (STM32H742/H743 datasheet), features page: 2 MB flash, 1 MB RAM incl. 192 KB TCM',
    activePowerW: 0.263e-3 * 480 * 3.3,
    powerSource:
      'ST DS12110 features page: Run mode 263 uA/MHz typical, x 480 MHz x 3.3 V (about 126 mA); peripherals off',
    fpu: true,
    dsp: true,
    runtimes: MCU_RUNTIMES,
    cyclesPerM4Instruction: M7_CPI,
    cpiBasis: M7_CPI_BASIS,
    confidence: 'estimate',
  },
  {
    id: 'stm32l476',
    aliases: ['stm32l4', 'l476'],
    name: 'STM32L476 (STM32L4)',
    class: 'mcu',
    core: 'Cortex-M4F',
    clockMHz: 80,
    ramBytes: 128 * KiB,
    flashBytes: 1 * MiB,
    specSource: 'ST DS10198 (STM32L476xx datasheet), features page: 1 MB flash, 128 KB SRAM (96 + 32 KB)',
    activePowerW: 0.0102 * 3.0,
    powerSource:
      'ST DS10198 "Current consumption in Run mode, code with data processing running from Flash, ART enable (Cache ON Prefetch OFF)": about 10.2 mA typical at 80 MHz, range 1, x 3.0 V',
    fpu: true,
    dsp: true,
    runtimes: MCU_RUNTIMES,
    cyclesPerM4Instruction: M4_CPI,
    cpiBasis: M4_CPI_BASIS,
    confidence: 'estimate',
  },
  {
    id: 'nrf52840',
    aliases: ['nrf52'],
    name: 'Nordic nRF52840',
    class: 'mcu',
    core: 'Cortex-M4F',
    clockMHz: 64,
    ramBytes: 256 * KiB,
    flashBytes: 1 * MiB,
    specSource: 'Nordic nRF52840 Product Specification v1.x, "Memory": 1 MB flash, 256 KB RAM',
    activePowerW: 0.0033 * 3.0,
    powerSource:
      'Nordic nRF52840 Product Specification, "Current consumption > CPU running": 3.3 mA running CoreMark from flash at 64 MHz, DC/DC on, x 3.0 V',
    fpu: true,
    dsp: true,
    runtimes: MCU_RUNTIMES,
    cyclesPerM4Instruction: M4_CPI,
    cpiBasis: `${M4_CPI_BASIS}; the nRF52840 flash cache plays the ART's part`,
    confidence: 'estimate',
  },
  {
    id: 'esp32-s3',
    aliases: ['esp32s3', 'esp32'],
    name: 'Espressif ESP32-S3 (ESP32-S3-WROOM-1-N8)',
    class: 'mcu',
    core: 'Xtensa LX7 (dual core, one used)',
    clockMHz: 240,
    ramBytes: 512 * KiB,
    flashBytes: 8 * MiB,
    specSource:
      'Espressif ESP32-S3 Series Datasheet, "Product Overview": 512 KB SRAM; ESP32-S3-WROOM-1 datasheet: N8 = 8 MB external flash',
    activePowerW: 0.05 * 3.3,
    powerSource:
      'Estimate: about 50 mA at 3.3 V with one core busy at 240 MHz, Wi-Fi off (Espressif ESP32-S3 datasheet "Current consumption" Modem-sleep table, 240 MHz rows; a measured DevKitM-1 idles at 31.7 mA, lucidar.me)',
    fpu: true,
    dsp: false,
    runtimes: MCU_RUNTIMES,
    cyclesPerM4Instruction: LOW_END_CPI,
    cpiBasis: `Xtensa is another instruction set, so the M4 count is only a proxy; ${M4_CPI} x CoreMark/MHz ratio M4/ESP32-S3 core (3.40 / 2.46: 1181.6 CoreMark for two cores at 240 MHz) = ${LOW_END_CPI}`,
    confidence: 'rough',
  },
  {
    id: 'rp2040',
    aliases: ['pico', 'raspberry-pi-pico'],
    name: 'Raspberry Pi RP2040 (Pico)',
    class: 'mcu',
    core: 'Cortex-M0+ (dual core, one used)',
    clockMHz: 133,
    ramBytes: 264 * KiB,
    flashBytes: 2 * MiB,
    specSource:
      'Raspberry Pi RP2040 Datasheet ch. 1 "Introduction": 264 KB SRAM, up to 133 MHz; Raspberry Pi Pico Datasheet: 2 MB QSPI flash',
    activePowerW: 0.1,
    powerSource:
      'Estimate: about 20 mA from the 5 V VBUS for a Pico with one core busy (Raspberry Pi Pico Datasheet, "Power consumption" tables are for other loads; board-level, includes the regulator)',
    fpu: false,
    dsp: false,
    runtimes: MCU_RUNTIMES,
    cyclesPerM4Instruction: LOW_END_CPI,
    cpiBasis: `Cortex-M0+ (Thumb-1, no DSP, no FPU) needs more instructions for the same C; ${M4_CPI} x CoreMark/MHz ratio M4/M0+ (3.40/2.46) = ${LOW_END_CPI} for integer code; float code is emulated in software and not estimated`,
    confidence: 'rough',
  },
  {
    id: 'raspberry-pi-4',
    aliases: ['rpi4', 'pi4'],
    name: 'Raspberry Pi 4 Model B (4 GB)',
    class: 'sbc',
    core: 'Cortex-A72 x4 (one thread used)',
    clockMHz: 1800,
    ramBytes: 4 * GiB,
    flashBytes: 32 * GB,
    specSource:
      'raspberrypi.com Raspberry Pi 4 Model B product brief: BCM2711, 4x Cortex-A72 at 1.8 GHz (1.5 GHz before 2022), 1-8 GB; storage = an assumed 32 GB microSD card',
    activePowerW: 4.0,
    powerSource:
      'Estimate, whole board: 4.0 W with one core busy, between measured idle (2.2-3.0 W) and all-core load (5.4-6.3 W) at the USB supply (chipwired.com "Raspberry Pi power use", 36 measurements)',
    fpu: true,
    dsp: false,
    runtimes: AP_RUNTIMES,
    hostSpeedFactor: 4.4,
    speedBasis: `Estimate: Pi 5 is 1.85-2.3x a Pi 4 single-thread (sysbench cpu, leoncode.co.uk and zbotic.in, same instruction set); Pi 5 factor 2.1 x 2.1 = 4.4`,
    confidence: 'estimate',
  },
  {
    id: 'raspberry-pi-5',
    aliases: ['rpi5', 'pi5'],
    name: 'Raspberry Pi 5 (4 GB)',
    class: 'sbc',
    core: 'Cortex-A76 x4 (one thread used)',
    clockMHz: 2400,
    ramBytes: 4 * GiB,
    flashBytes: 32 * GB,
    specSource:
      'raspberrypi.com Raspberry Pi 5 product brief: BCM2712, 4x Cortex-A76 at 2.4 GHz, 2-16 GB; storage = an assumed 32 GB microSD card',
    activePowerW: 4.5,
    powerSource:
      'Estimate, whole board: 4.5 W with one core busy, between the idle (about 2.7-3.3 W) and all-core stress (about 7-8 W) figures reported in reviews (e.g. eathealthy365.com Pi 5 power test with the official 27 W supply)',
    fpu: true,
    dsp: false,
    runtimes: AP_RUNTIMES,
    hostSpeedFactor: 2.1,
    speedBasis: `Estimate: Geekbench 5 single-core, host (Zen 3 EPYC vCPU) about ${HOST_GEEKBENCH5_SINGLE} vs Pi 5 about 607 (the Snapdragon 778G's 777 over the Cortex-A78's per-clock gain on the A76, 1.2 x 1.07 = 1.28, as Arm published)`,
    confidence: 'estimate',
  },
  {
    id: 'snapdragon-778g',
    aliases: ['android', 'phone', 'sd778g'],
    name: 'Qualcomm Snapdragon 778G phone (e.g. Samsung Galaxy A52s 5G)',
    class: 'phone',
    core: 'Kryo 670 Prime (Cortex-A78) at 2.4 GHz (one thread used)',
    clockMHz: 2400,
    ramBytes: 6 * GiB,
    flashBytes: 128 * GB,
    specSource:
      'Qualcomm Snapdragon 778G 5G product page: 1x Cortex-A78 2.4 GHz + 3x A78 2.2 GHz + 4x A55 1.9 GHz; Galaxy A52s 5G: 6 GB RAM, 128 GB storage',
    activePowerW: 1.5,
    powerSource:
      'Estimate: 1.5 W for one big core busy (SoC TDP about 5 W, cpu-boss.com; a single A78 at 2.4 GHz takes roughly a third of it); screen and radios excluded',
    fpu: true,
    dsp: false,
    runtimes: AP_RUNTIMES,
    hostSpeedFactor: 1.6,
    speedBasis: `Estimate: Geekbench 5 single-core, host (Zen 3 EPYC vCPU) about ${HOST_GEEKBENCH5_SINGLE} vs Snapdragon 778G 777 (nanoreview.net)`,
    confidence: 'estimate',
  },
];

export const DEVICE_IDS: readonly string[] = DEVICES.map((device) => device.id);
