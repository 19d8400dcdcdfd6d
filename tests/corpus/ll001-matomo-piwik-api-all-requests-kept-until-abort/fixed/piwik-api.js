(function () {
    angular.module('piwikApp.service').factory('piwikApi', piwikApiService);

    piwikApiService.$inject = ['$http', '$q', 'piwik'];

    function piwikApiService($http, $q, piwik) {
        var getParams = {};
        var postParams = {};
        var allRequests = [];

        function addParams(params) {
            for (var key in params) {
                getParams[key] = params[key];
            }
        }

        function reset() {
            getParams = {};
            postParams = {};
        }

        function send(options) {
            var deferred = $q.defer();
            var promise = $http({
                method: 'POST',
                url: 'index.php',
                params: angular.extend({ idSite: piwik.idSite }, getParams),
                data: $.param(postParams),
                timeout: deferred.promise
            }).then(function (response) { return response.data; });

            var addAbortMethod = function (to, deferred) {
                return {
                    then: function () { return addAbortMethod(to.then.apply(to, arguments), deferred); },
                    'finally': function () { return addAbortMethod(to.finally.apply(to, arguments), deferred); },
                    abort: function () { deferred.resolve(); return this; }
                };
            };

            var request = addAbortMethod(promise, deferred);
            allRequests.push(request);
            return request.finally(function () {
                var index = allRequests.indexOf(request);
                if (index !== -1) {
                    allRequests.splice(index, 1);
                }
            });
        }

        function abortAll() {
            reset();
            allRequests.forEach(function (request) {
                request.abort();
            });
            allRequests = [];
        }

        function fetch(params, options) {
            params.module = params.module || 'API';
            addParams(params);
            var promise = send(options);
            reset();
            return promise;
        }

        return { fetch: fetch, abort: abortAll, abortAll: abortAll };
    }
})();
