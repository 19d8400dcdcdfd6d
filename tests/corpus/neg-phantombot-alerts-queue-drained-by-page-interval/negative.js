/* global getWebSocket, sendToSocket, getAuth */
$(function () {
    let webSocket = getWebSocket(),
            isPlaying = false;
    let queue = [];
    let queueProcessing = false;

    function sleep(ms) {
        return new Promise((resolve) => setTimeout(resolve, ms));
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
                } else if (isPlaying === false) {
                    await sleep(100);
                    isPlaying = true;
                    if (event.alert_image !== undefined) {
                        handleGifAlert(event);
                    } else {
                        isPlaying = false;
                    }
                } else {
                    return;
                }
            }
        } finally {
            queueProcessing = false;
        }
    }

    async function handleGifAlert(json) {
        let htmlObj = $('<img/>', { src: '/config/gif-alerts/' + json.alert_image, alt: 'alert' });
        $('#alert').append(htmlObj).fadeIn(1000);
        await sleep(json.alert_duration || 3000);
        $('#alert').fadeOut(1000, function () {
            htmlObj.remove();
            isPlaying = false;
        });
    }

    webSocket.onopen = function () {
        sendToSocket({ authenticate: getAuth() });
    };

    webSocket.onmessage = function (e) {
        try {
            let message = JSON.parse(e.data);
            if (message.query_id === undefined && message.authresult === undefined) {
                queue.push(message);
            }
        } catch (ex) {
            console.log('Failed to parse socket message [' + e.data + ']: ' + ex.stack);
        }
    };

    setInterval(handleQueue, 5e2);
});
