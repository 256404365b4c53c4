import { describe, expect, it } from "vitest";
import { SERIES_COLORS, seriesColors } from "@/components/charts/chart-colors";
import { AGENT_TYPES } from "@/lib/validation/admin-config";

describe("seriesColors", () => {
  it("gives an agent type the same colour whichever agents a chart shows, and in any order", () => {
    const all = seriesColors(["chat_model_agent", "document_agent", "python_agent", "git_mcp_agent"], AGENT_TYPES);
    const some = seriesColors(["python_agent", "document_agent"], AGENT_TYPES);
    expect(some).toEqual([all[2], all[1]]);
    expect(seriesColors(["document_agent"], AGENT_TYPES)).toEqual([SERIES_COLORS[AGENT_TYPES.indexOf("document_agent")]]);
  });

  it("gives keys outside the list the colours left over, never one already used in the chart", () => {
    const c = seriesColors(["mystery_agent", "chat_model_agent", "another"], AGENT_TYPES);
    expect(c[1]).toBe(SERIES_COLORS[0]);
    // Not the colour of provider_tools_agent (second in the list), which is absent here.
    expect(c[0]).toBe(SERIES_COLORS[AGENT_TYPES.length]);
    expect(c[2]).toBe(SERIES_COLORS[AGENT_TYPES.length + 1]);
    expect(new Set(c).size).toBe(3);
    expect(seriesColors(["a", "b", "c"])).toEqual(SERIES_COLORS.slice(0, 3));
  });
});
