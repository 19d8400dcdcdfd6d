export class MediaManager {
    localStream: MediaStream | null = null;
    cinema: HTMLImageElement;
    microphone: HTMLImageElement;
    updatedLocalStreamCallBack: (media: MediaStream) => void;

    constructor(updatedLocalStreamCallBack: (media: MediaStream) => void) {
        this.updatedLocalStreamCallBack = updatedLocalStreamCallBack;

        // these buttons are part of index.html and outlive every scene
        this.microphone = this.getElementByIdOrFail<HTMLImageElement>('microphone');
        // expect: LL002
        this.microphone.addEventListener('click', (e: MouseEvent) => {
            e.preventDefault();
            this.disabledMicrophone();
        });
        this.cinema = this.getElementByIdOrFail<HTMLImageElement>('cinema');
        // expect: LL002
        this.cinema.addEventListener('click', (e: MouseEvent) => {
            e.preventDefault();
            this.disabledCamera();
        });
    }

    disabledMicrophone() {
        this.getCamera().then((stream) => this.updatedLocalStreamCallBack(stream));
    }

    disabledCamera() {
        this.getCamera().then((stream) => this.updatedLocalStreamCallBack(stream));
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
