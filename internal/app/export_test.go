package app

// AuthorizeList lets the tests compare a work list's decisions with
// access.Authorize's on each child's whole Subject.
var AuthorizeList = (*App).authorizeList
