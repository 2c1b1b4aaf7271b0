/** Scripted Claude sessions that play Nova's shipped team against the scripted Messages API server. */
export { startTeamAtWorkServer, teamAtWorkApiKey, type TeamAtWorkServer } from './teamAtWorkServer';
export { teamAtWorkResponder } from './teamAtWorkResponder';
export { readAgentRequest, type AgentRequest, type ToolExchange } from './requestReading';
export * as teamAtWork from './teamAtWorkScenario';
