/** Many readers or one writer; a waiting writer keeps new readers out so it is not starved. */
export class RwLock {
  private readers = 0;
  private writer = false;
  private readonly waiting: Array<{ exclusive: boolean; go: () => void }> = [];

  shared(): Promise<() => void> { return this.acquire(false); }
  exclusive(): Promise<() => void> { return this.acquire(true); }

  private acquire(exclusive: boolean): Promise<() => void> {
    return new Promise((resolve) => {
      const go = (): void => {
        if (exclusive) this.writer = true; else this.readers++;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          if (exclusive) this.writer = false; else this.readers--;
          this.drain();
        });
      };
      this.waiting.push({ exclusive, go });
      this.drain();
    });
  }

  private drain(): void {
    while (this.waiting.length > 0) {
      const head = this.waiting[0]!;
      const free = head.exclusive ? !this.writer && this.readers === 0 : !this.writer;
      if (!free) return;
      this.waiting.shift();
      head.go();
      if (head.exclusive) return;
    }
  }
}
