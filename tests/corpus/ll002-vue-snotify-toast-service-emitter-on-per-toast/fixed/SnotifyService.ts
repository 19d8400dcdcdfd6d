import Vue from 'vue';

export class SnotifyService {
  readonly emitter = new Vue();
  notifications: Array<{ id: number; title: string }> = [];
  private nextId = 0;

  create(title: string) {
    const toast = { id: this.nextId++, title };
    this.notifications.push(toast);
    this.emitter.$emit('snotify', this.notifications.slice());
    return toast;
  }

  update(toast: { id: number; title: string }) {
    this.emitter.$emit('toastChanged', toast);
  }

  remove(id: number, remove?: boolean): void {
    if (remove) {
      this.notifications = this.notifications.filter((t) => t.id !== id);
      this.emitter.$emit('snotify', this.notifications.slice());
      return;
    }
    this.emitter.$emit('remove', id);
  }
}
