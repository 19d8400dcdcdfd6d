import { Controller } from '@hotwired/stimulus';

export default class ActivitiesTabIndexController extends Controller {
  private abortController: AbortController | null = null;

  connect(): void {
    this.abortController = new AbortController();
    const { signal } = this.abortController;
    window.addEventListener('beforeunload', this.handleBeforeUnload, { signal });
    document.addEventListener('visibilitychange', this.handleVisibilityChange, { signal });
  }

  disconnect(): void {
    this.abortController?.abort();
    this.abortController = null;
  }

  private handleBeforeUnload = (event: BeforeUnloadEvent): void => {
    if (this.element.querySelector('.dirty')) event.preventDefault();
  };

  private handleVisibilityChange = (): void => {
    if (document.visibilityState === 'visible') this.dispatch('refresh');
  };
}
