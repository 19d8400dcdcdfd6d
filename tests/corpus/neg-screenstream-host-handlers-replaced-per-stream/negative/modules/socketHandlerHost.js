import { createNewStreamId } from './stream.js';

const SOCKET_TIMEOUT = 15000;

export default function (io, socket) {

    const createStream = async (payload, callback) => {
        if (!payload || !payload.jwt) {
            return callback({ status: 'ERROR:NO_JWT_SET' });
        }
        if (socket.data.streamId) {
            return callback({ status: 'ERROR:STREAM_ID_ALREADY_SET' });
        }

        const streamId = createNewStreamId(io);
        if (!socket.connected) {
            return;
        }

        // one handler per name: whatever a previous stream registered goes first
        socket.removeAllListeners('STREAM:REMOVE');
        socket.on('STREAM:REMOVE', removeStream);

        socket.removeAllListeners('STREAM:START');
        socket.on('STREAM:START', startStream);

        socket.removeAllListeners('STREAM:STOP');
        socket.on('STREAM:STOP', stopStream);

        socket.removeAllListeners('HOST:OFFER');
        socket.on('HOST:OFFER', hostOffer);

        socket.removeAllListeners('HOST:CANDIDATE');
        socket.on('HOST:CANDIDATE', hostCandidate);

        socket.removeAllListeners('REMOVE:CLIENT');
        socket.on('REMOVE:CLIENT', removeClient);

        socket.data.streamId = streamId;
        socket.join(streamId);
        callback({ status: 'OK', streamId });
    };

    socket.removeAllListeners('STREAM:CREATE');
    socket.on('STREAM:CREATE', createStream);

    const removeStream = (callback) => {
        if (!socket.data.streamId) {
            return callback({ status: 'ERROR:STREAM_ID_NOT_SET' });
        }
        socket.to(socket.data.streamId).emit('REMOVE:STREAM');
        io.socketsLeave(socket.data.streamId);
        socket.data.streamId = undefined;

        socket.removeAllListeners('STREAM:REMOVE');
        socket.removeAllListeners('STREAM:START');
        socket.removeAllListeners('STREAM:STOP');
        socket.removeAllListeners('HOST:OFFER');
        socket.removeAllListeners('HOST:CANDIDATE');
        socket.removeAllListeners('REMOVE:CLIENT');

        callback({ status: 'OK' });
    };

    const startStream = (payload, callback) => {
        socket.to(socket.data.streamId).emit('STREAM:START');
        callback({ status: 'OK' });
    };

    const stopStream = (callback) => {
        socket.to(socket.data.streamId).emit('STREAM:STOP');
        callback({ status: 'OK' });
    };

    const relayToClient = async (eventName, payload, body, callback) => {
        const socketsInStream = await io.in(socket.data.streamId).fetchSockets();
        const clientSocket = socketsInStream.find(item => item.data && item.data.clientId === payload.clientId);
        if (!clientSocket || !clientSocket.connected) {
            return callback({ status: 'ERROR:NO_CLIENT_FOUND' });
        }
        clientSocket.timeout(SOCKET_TIMEOUT).emit(eventName, body, (err, response) => {
            if (err) {
                return callback({ status: 'ERROR:TIMEOUT_OR_NO_RESPONSE' });
            }
            if (socket.connected) {
                callback({ status: response.status });
            }
        });
    };

    const hostOffer = (payload, callback) => relayToClient('HOST:OFFER', payload, { offer: payload.offer }, callback);

    const hostCandidate = (payload, callback) => {
        const candidates = payload.candidates ? payload.candidates : [payload.candidate];
        return relayToClient('HOST:CANDIDATE', payload, { candidates }, callback);
    };

    const removeClient = async (payload, callback) => {
        const allSockets = await io.fetchSockets();
        allSockets
            .filter(item => item.data && item.data.isClient === true && payload.clientId.includes(item.data.clientId))
            .forEach(clientSocket => clientSocket.emit('REMOVE:CLIENT'));
        callback({ status: 'OK' });
    };
}
