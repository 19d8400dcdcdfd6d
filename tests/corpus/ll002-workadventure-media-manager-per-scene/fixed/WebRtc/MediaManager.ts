type UpdatedLocalStreamCallback = (media: MediaStream) => void;

class MediaManager {
    localStream: MediaStream | null = null;
    cinema: HTMLImageElement;
    microphone: HTMLImageElement;
    updatedLocalStreamCallBacks: Set<UpdatedLocalStreamCallback> = new Set<UpdatedLocalStreamCallback>();

    constructor() {
        this.microphone = this.getElementByIdOrFail<HTMLImageElement>('microphone');
        this.microphone.addEventListener('click', (e: MouseEvent) => {
            e.preventDefault();
            this.disabledMicrophone();
        });
        this.cinema = this.getElementByIdOrFail<HTMLImageElement>('cinema');
        this.cinema.addEventListener('click', (e: MouseEvent) => {
            e.preventDefault();
            this.disabledCamera();
        });
    }

    onUpdateLocalStream(callback: UpdatedLocalStreamCallback): void {
        this.updatedLocalStreamCallBacks.add(callback);
    }

    removeUpdateLocalStreamEventListener(callback: UpdatedLocalStreamCallback): void {
        this.updatedLocalStreamCallBacks.delete(callback);
    }

    private triggerUpdatedLocalStreamCallbacks(stream: MediaStream): void {
        for (const callback of this.updatedLocalStreamCallBacks) {
            callback(stream);
        }
    }

    disabledMicrophone() {
        this.getCamera().then((stream) => this.triggerUpdatedLocalStreamCallbacks(stream));
    }

    disabledCamera() {
        this.getCamera().then((stream) => this.triggerUpdatedLocalStreamCallbacks(stream));
    }

    getCamera(): Promise<MediaStream> {
        return navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    }

    private getElementByIdOrFail<T extends HTMLElement>(id: string): T {
        const elem = document.getElementById(id);
        if (elem === null) {
            throw new Error('Cannot find HTML element with id ' + id);
        }
        return elem as T;
    }
}

// one manager for the page: the buttons get their listeners once
export const mediaManager = new MediaManager();
