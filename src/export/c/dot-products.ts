/**
 * The C text of the int8 dot products: portable loops, and with EDGEFORGE_USE_DSP the packed
 * path (ACLE SXTAB16 / SXTB16 / SMLAD on cores with the DSP extension, portable stand-ins of
 * the same instructions elsewhere). Integer products summed in any order give the same sum, so
 * both paths give identical results.
 */

/** The packed-arithmetic primitives (only compiled with EDGEFORGE_USE_DSP). */
export const DSP_PRIMITIVES = `#if defined(EDGEFORGE_USE_DSP)
#if defined(__ARM_FEATURE_SIMD32)
#define ef_sxtab16(a, b) ((uint32_t)__sxtab16((int16x2_t)(a), (int8x4_t)(b)))
#define ef_sxtb16(b) ((uint32_t)__sxtb16((int8x4_t)(b)))
#define ef_smlad(a, b, acc) ((int32_t)__smlad((int16x2_t)(a), (int16x2_t)(b), (acc)))
#else
EF_INLINE uint32_t ef_sxtab16(uint32_t a, uint32_t b) {
  uint32_t low = (a + (uint32_t)(int32_t)(int8_t)(b & 0xffu)) & 0xffffu;
  uint32_t high = ((a >> 16) + (uint32_t)(int32_t)(int8_t)((b >> 16) & 0xffu)) & 0xffffu;
  return low | (high << 16);
}

EF_INLINE uint32_t ef_sxtb16(uint32_t b) {
  return ef_sxtab16(0, b);
}

EF_INLINE int32_t ef_smlad(uint32_t a, uint32_t b, int32_t acc) {
  int32_t low = (int32_t)(int16_t)(a & 0xffffu) * (int32_t)(int16_t)(b & 0xffffu);
  int32_t high = (int32_t)(int16_t)(a >> 16) * (int32_t)(int16_t)(b >> 16);
  return acc + low + high;
}
#endif

/* A rotate compilers turn into one ROR. */
EF_INLINE uint32_t ef_ror8(uint32_t x) {
  return (x >> 8) | (x << 24);
}

/* An int16 offset in both halves of a word, for SXTAB16. */
EF_INLINE uint32_t ef_pair(int32_t offset) {
  return ((uint32_t)(uint16_t)offset << 16) | (uint16_t)offset;
}

EF_INLINE uint32_t ef_load4(const int8_t *p) {
  return (uint32_t)(uint8_t)p[0] | ((uint32_t)(uint8_t)p[1] << 8) | ((uint32_t)(uint8_t)p[2] << 16) |
         ((uint32_t)(uint8_t)p[3] << 24);
}
#endif`;

/**
 * The int8 dot product Σ (a[k] + a_offset) · (b[k] + b_offset). With EDGEFORGE_USE_DSP four
 * bytes at a time go through SXTAB16 (two sign-extended bytes plus the offsets, packed as 16-bit
 * halves) and SMLAD (two 16 x 16 products added to the accumulator): the same integer products,
 * so the same sum. ACLE intrinsics on cores with the DSP extension, portable stand-ins elsewhere
 * (so a host build exercises the packed path too).
 */
export const DOT_S8 = `static int32_t ef_dot_s8(const int8_t *a, const int8_t *b, int32_t n, int32_t a_offset, int32_t b_offset) {
  int32_t acc = 0;
  int32_t k = 0;
#if defined(EDGEFORGE_USE_DSP)
  uint32_t a_pair = ef_pair(a_offset);
  uint32_t b_pair = ef_pair(b_offset);
  for (; k + 3 < n; k += 4) {
    uint32_t a4 = ef_load4(a + k);
    uint32_t b4 = ef_load4(b + k);
    acc = ef_smlad(ef_sxtab16(a_pair, a4), ef_sxtab16(b_pair, b4), acc);
    acc = ef_smlad(ef_sxtab16(a_pair, ef_ror8(a4)), ef_sxtab16(b_pair, ef_ror8(b4)), acc);
  }
#endif
  for (; k < n; k++) acc += (a[k] + a_offset) * (b[k] + b_offset);
  return acc;
}`;

/**
 * Four weight rows against one input vector (an LSTM unit's four gates): each input value is
 * offset (and on the DSP path unpacked) once for all four rows.
 */
export const DOT4_S8 = `static void ef_dot4_s8(const int8_t *w0, const int8_t *w1, const int8_t *w2, const int8_t *w3,
                       const int8_t *x, int32_t n, int32_t x_offset, int32_t *acc) {
  int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  int32_t k = 0;
#if defined(EDGEFORGE_USE_DSP)
  uint32_t pair = ef_pair(x_offset);
  for (; k + 3 < n; k += 4) {
    uint32_t x4 = ef_load4(x + k);
    uint32_t x02 = ef_sxtab16(pair, x4);
    uint32_t x13 = ef_sxtab16(pair, ef_ror8(x4));
    uint32_t w;
    w = ef_load4(w0 + k);
    a0 = ef_smlad(ef_sxtb16(ef_ror8(w)), x13, ef_smlad(ef_sxtb16(w), x02, a0));
    w = ef_load4(w1 + k);
    a1 = ef_smlad(ef_sxtb16(ef_ror8(w)), x13, ef_smlad(ef_sxtb16(w), x02, a1));
    w = ef_load4(w2 + k);
    a2 = ef_smlad(ef_sxtb16(ef_ror8(w)), x13, ef_smlad(ef_sxtb16(w), x02, a2));
    w = ef_load4(w3 + k);
    a3 = ef_smlad(ef_sxtb16(ef_ror8(w)), x13, ef_smlad(ef_sxtb16(w), x02, a3));
  }
#endif
  for (; k < n; k++) {
    int32_t v = x[k] + x_offset;
    a0 += w0[k] * v;
    a1 += w1[k] * v;
    a2 += w2[k] * v;
    a3 += w3[k] * v;
  }
  acc[0] = a0;
  acc[1] = a1;
  acc[2] = a2;
  acc[3] = a3;
}`;
