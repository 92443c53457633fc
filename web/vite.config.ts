/**
 * The web app's build (`npm run web:build`, run by `npm start` when web/ changed) and its dev server
 * (`npm run web:dev`), which hands /api to the service on port 8080 as the service itself serves
 * the built app beside its API.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The size report and the budget test read which chunks each page loads from the manifest.
    manifest: true,
  },
  server: { proxy: { '/api': 'http://localhost:8080' } },
});
