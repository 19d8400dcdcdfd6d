// The application host: one object for the life of the page.
export default {
    name: 'web'
};
