package paste

// GraphAppID is Microsoft Graph's appId, the same in every cloud: the
// audience of some Graph tokens, and an ID admins paste by mistake.
const GraphAppID = "00000003-0000-0000-c000-000000000000"
