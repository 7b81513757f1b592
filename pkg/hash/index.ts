// FNV-1a, 32 bits, over a string's UTF-16 code units: cheap, stable across processes and versions, so every tier
// maps a name to the same place (a room to its partition, a sender to its logic node).

export function fnv1a(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
