interface MemoryDescriptor {
  initial: number;
  maximum?: number;
  shared?: boolean;
}

type MemoryConstructor = (new (descriptor: MemoryDescriptor) => object) & { prototype: object };

/**
 * PGlite creates its WebAssembly memory with a 2 GiB maximum, and that memory
 * never shrinks: one query that builds a gigabyte-sized value keeps the process
 * that large for good. Inside the worker thread (and only there) the memories
 * PostgreSQL creates get a lower maximum, so such a query fails with PostgreSQL's
 * own "out of memory" instead, and the driver recycles the worker afterwards.
 */
export function capWasmMemory(capMb: number): void {
  const pages = Math.floor((capMb * 1024 * 1024) / 65_536);
  // The project's TypeScript libraries leave WebAssembly's JavaScript API out.
  const wasm = (globalThis as unknown as { WebAssembly: { Memory: MemoryConstructor } }).WebAssembly;
  const Original = wasm.Memory;
  const Capped = function (descriptor: MemoryDescriptor) {
    return new Original({ ...descriptor, maximum: Math.min(descriptor.maximum ?? pages, pages) });
  } as unknown as MemoryConstructor;
  Capped.prototype = Original.prototype;
  wasm.Memory = Capped;
}
