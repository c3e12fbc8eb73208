// A photo picked in a count dialog (a surplus item, evidence for a difference): the types the core
// takes and the file read as base64, as counts.addSurplus and counts.resolve want it.

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

export interface CountPhoto {
  mime: (typeof PHOTO_TYPES)[number];
  data: string;
  name: string;
}

/** The file read as a photo, or null when its type is not one the core takes. */
export async function readCountPhoto(file: File): Promise<CountPhoto | null> {
  const mime = PHOTO_TYPES.find((m) => m === file.type);
  if (!mime) return null;
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  // In slices: spreading a whole photo into one call overflows the argument stack.
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { mime, data: btoa(bin), name: file.name };
}
