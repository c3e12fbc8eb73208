// A photo picked in a count dialog (a surplus item, evidence for a difference): the types the core
// takes and the file read as base64, as counts.addSurplus and counts.resolve want it.
import type { ApiError } from '../../lib/api';
import { readBase64 } from '../import/files';

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

export interface CountPhoto {
  mime: (typeof PHOTO_TYPES)[number];
  data: string;
  name: string;
}

/** The file read as a photo, or null when its type is not one the core takes. */
async function readCountPhoto(file: File): Promise<CountPhoto | null> {
  const mime = PHOTO_TYPES.find((m) => m === file.type);
  if (!mime) return null;
  return { mime, data: await readBase64(file), name: file.name };
}

/** Reads the photo chosen in `input` into `onPhoto`; a type the core does not take goes to `onError`. */
export async function pickCountPhoto(
  input: HTMLInputElement,
  onPhoto: (photo: CountPhoto) => void,
  onError: (error: ApiError) => void,
): Promise<void> {
  const file = input.files?.[0];
  if (!file) return;
  const photo = await readCountPhoto(file);
  if (photo) onPhoto(photo);
  else onError({ code: 'VALIDATION', message: 'counts.photoType' });
}
