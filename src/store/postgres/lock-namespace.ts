/** The first key of every advisory lock this product takes ("pgng"), apart from other software's. */
export const LOCK_NAMESPACE = 0x70676e67;
