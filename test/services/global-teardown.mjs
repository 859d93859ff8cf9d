export default async function globalTeardown() {
  await globalThis.__thothServices?.stop();
}
