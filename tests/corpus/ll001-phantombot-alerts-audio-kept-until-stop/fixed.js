/* global getWebSocket, getOptionSetting, sendToSocket, getAuth */
$(function () {
    let webSocket = getWebSocket(),
            isPlaying = false,
            isDebug = localStorage.getItem('phantombot_alerts_debug') === 'true' || false;
    let queue = [];
    let queueProcessing = false;
    let playingAudioFiles = [];

    function printDebug(message, force) {
        if (isDebug || force) {
            console.log('%c[PhantomBot Log]', 'color: #6441a5; font-weight: 900;', message);
        }
    }

    function getAudioFile(name) {
        return '/config/audio-hooks/' + name + '.mp3';
    }

    async function handleQueue() {
        if (queueProcessing || queue.length === 0) {
            return;
        }
        queueProcessing = true;
        try {
            while (queue.length > 0) {
                let event = queue.shift();
                if (event === undefined) {
                    console.error('Received event of type undefined. Ignoring.');
                } else if (event.stopMedia !== undefined) {
                    handleStopMedia(event);
                } else if (isPlaying === false) {
                    isPlaying = true;
                    if (event.audio_panel_hook !== undefined) {
                        handleAudioHook(event);
                    } else {
                        isPlaying = false;
                    }
                } else {
                    queue.unshift(event);
                    return;
                }
            }
        } finally {
            queueProcessing = false;
        }
    }

    function handleStopMedia(json) {
        let stopAudio = json.stopMedia === 'all' || json.stopMedia.indexOf('audio') >= 0;
        try {
            if (stopAudio) {
                while (playingAudioFiles.length > 0) {
                    playingAudioFiles[0].pause();
                    playingAudioFiles[0].remove();
                    playingAudioFiles.splice(0, 1);
                }
            }
        } finally {
            isPlaying = false;
        }
    }

    function handleAudioHook(json) {
        if (getOptionSetting('enableAudioHooks', 'false') === 'true') {
            let audioFile = getAudioFile(json.audio_panel_hook),
                    audio;

            audio = new Audio(audioFile);
            audio.volume = getOptionSetting('audioHookVolume', '1');
            if (json.hasOwnProperty('audio_panel_volume') && json.audio_panel_volume >= 0.0) {
                audio.volume = json.audio_panel_volume;
            }
            $(audio).on('ended', function () {
                printDebug('Audio finished, duration: ' + audio.duration);
                playingAudioFiles = playingAudioFiles.filter((elm) => elm !== audio);
                audio.currentTime = 0;
                isPlaying = false;
            });
            playingAudioFiles.push(audio);
            audio.play().catch(function (err) {
                playingAudioFiles = playingAudioFiles.filter((elm) => elm !== audio);
                console.log(err);
            });
        } else {
            isPlaying = false;
        }
    }

    webSocket.onopen = function () {
        printDebug('Successfully connected to the socket.', true);
        sendToSocket({ authenticate: getAuth() });
    };

    webSocket.onclose = function () {
        printDebug('Disconnected from the socket.', true);
    };

    webSocket.onmessage = function (e) {
        try {
            let message = JSON.parse(e.data);
            if (message.query_id === undefined && message.authresult === undefined) {
                // Queue all events and process them one at a time.
                queue.push(message);
            }
        } catch (ex) {
            printDebug('Failed to parse socket message [' + e.data + ']: ' + ex.stack);
        }
    };

    setInterval(handleQueue, 5e2);
});
