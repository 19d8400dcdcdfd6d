export abstract class ClientSocket<T> {
    private _userData!: T;
    setUserData(data: T) {
        this._userData = data;
    }
    getUserData(): T {
        return this._userData;
    }
    abstract closed(): boolean;
    abstract send(data: Uint8Array): void;
    abstract close(): void;
    abstract closeWithReason(reason: string): void;
}
