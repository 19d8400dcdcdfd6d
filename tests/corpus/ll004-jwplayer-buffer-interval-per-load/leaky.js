(function(jwplayer) {
    var events = jwplayer.events,
        states = events.state;

    function VideoProvider(_playerId) {
        var _this = this,
            _videotag = document.getElementById(_playerId),
            _levels,
            _currentQuality = -1,
            _bufferPercent = 0,
            _bufferInterval = -1;

        function _completeLoad(startTime) {
            var source = _levels[_currentQuality];
            _this.setState(states.BUFFERING);
            // expect: LL004
            _bufferInterval = setInterval(_sendBufferUpdate, 100);
            _videotag.src = source.file;
            _videotag.load();
        }

        this.load = function(item) {
            _levels = item.sources;
            _currentQuality = 0;
            _completeLoad(item.starttime || 0);
        };

        this.setCurrentQuality = function(quality) {
            _currentQuality = quality;
            _completeLoad(_videotag.currentTime);
        };

        this.stop = function() {
            _videotag.removeAttribute('src');
            _videotag.load();
            clearInterval(_bufferInterval);
            this.setState(states.IDLE);
        };

        function _sendBufferUpdate() {
            var newBuffer = _getBuffer();
            if (newBuffer !== _bufferPercent) {
                _bufferPercent = newBuffer;
                _this.sendEvent(events.JWPLAYER_MEDIA_BUFFER, { bufferPercent: Math.round(_bufferPercent * 100) });
            }
            if (newBuffer >= 1) {
                clearInterval(_bufferInterval);
            }
        }

        function _getBuffer() {
            var buffered = _videotag.buffered;
            if (!buffered || !_videotag.duration || buffered.length === 0) {
                return 0;
            }
            return buffered.end(buffered.length - 1) / _videotag.duration;
        }
    }

    jwplayer.html5.VideoProvider = VideoProvider;
})(jwplayer);
