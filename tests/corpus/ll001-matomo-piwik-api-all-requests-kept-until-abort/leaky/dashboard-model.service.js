(function () {
    angular.module('piwikApp').factory('multisitesDashboardModel', multisitesDashboardModel);

    multisitesDashboardModel.$inject = ['piwikApi', '$timeout'];

    function multisitesDashboardModel(piwikApi, $timeout) {
        var refreshPromise = null;
        var model = { sites: [], isLoading: false, refreshInterval: 30, fetchAllSites: fetchAllSites };
        return model;

        function cancelRefreshInterval() {
            if (refreshPromise) {
                $timeout.cancel(refreshPromise);
                refreshPromise = null;
            }
        }

        function fetchAllSites() {
            if (model.isLoading) {
                piwikApi.abort();
                cancelRefreshInterval();
            }
            model.isLoading = true;

            return piwikApi.fetch({ module: 'MultiSites', action: 'getAllWithGroups' }).then(function (response) {
                model.sites = response.sites;
            }).finally(function () {
                model.isLoading = false;
                if (model.refreshInterval > 0) {
                    cancelRefreshInterval();
                    refreshPromise = $timeout(function () {
                        refreshPromise = null;
                        fetchAllSites();
                    }, model.refreshInterval * 1000);
                }
            });
        }
    }
})();
