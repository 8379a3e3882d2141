/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The app lives in app/; assets/ is served as is so models load with no extra request origin.
export default defineConfig({
  root: 'app',
  publicDir: '../assets',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: true },
  test: {
    root: '.',
    include: ['engine/**/*.test.ts', 'app/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 120_000,
  },
});
