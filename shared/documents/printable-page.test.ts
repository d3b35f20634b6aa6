import { describe, expect, it } from "vitest";
import { chineseDate, chineseDateTime, escapeHtml, printablePage } from "./printable-page.ts";

const page = (over: Partial<Parameters<typeof printablePage>[0]> = {}) =>
  printablePage({
    title: "准予行政许可决定书",
    number: "2026-R000001",
    body: ["申请人：", "决定准予行政许可。"],
    issuer: {
      organ: "海淀区市场监督管理局",
      seal: "海淀区市场监督管理局行政审批专用章",
      date: "2026年11月25日",
    },
    ...over,
  });

describe("the printable page", () => {
  it("is a Chinese A4 page with the title, number and one paragraph a line", () => {
    // Act
    const html = page();

    // Assert
    expect(html).toMatch(/^<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8">/);
    expect(html).toContain("@page{size:A4;margin:25mm}");
    expect(html).toContain("<title>准予行政许可决定书 2026-R000001</title>");
    expect(html).toContain("<h1>准予行政许可决定书</h1>");
    expect(html).toContain('<p class="no">编号：2026-R000001</p>');
    expect(html).toContain("<p>申请人：</p>\n<p>决定准予行政许可。</p>");
    expect(html.endsWith("</body></html>")).toBe(true);
  });

  it("escapes markup and quotes in every text", () => {
    // Act
    const html = page({
      title: `<script>alert("t")</script>`,
      number: `1' onload='x`,
      body: [`<img src=x onerror="alert('b')">`, "A & B"],
      issuer: { organ: "<b>机关</b>", seal: `"章"`, date: "<i>日期</i>" },
      foot: ["<script>foot</script>"],
    });

    // Assert
    expect(html).not.toMatch(/<script|<img|<b>|<i>/);
    expect(html).toContain("&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;");
    expect(html).toContain("编号：1&#39; onload=&#39;x");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(&#39;b&#39;)&quot;&gt;");
    expect(html).toContain("<p>A &amp; B</p>");
    expect(html).toContain("&lt;b&gt;机关&lt;/b&gt;<br>（&quot;章&quot;）<br>&lt;i&gt;日期&lt;/i&gt;");
    expect(html).toContain('<p class="foot">&lt;script&gt;foot&lt;/script&gt;</p>');
  });

  it("puts the issuing organ, its seal and the date at the foot, then the small print", () => {
    // Act
    const html = page({ foot: ["SHA-256：abc", "核验：/v1/documents/rdoc_1/verify"] });

    // Assert
    const seal = html.indexOf(
      '<p class="seal">海淀区市场监督管理局<br>（海淀区市场监督管理局行政审批专用章）<br>2026年11月25日</p>',
    );
    expect(seal).toBeGreaterThan(html.indexOf("决定准予行政许可。"));
    expect(html.indexOf('<p class="foot">SHA-256：abc</p>')).toBeGreaterThan(seal);
    expect(html.indexOf('<p class="foot">核验：/v1/documents/rdoc_1/verify</p>')).toBeGreaterThan(seal);
    expect(page()).not.toContain('class="foot"');
  });

  it("dates in Chinese and escapes all five characters", () => {
    expect(chineseDate("2026-02-05")).toBe("2026年2月5日");
    expect(chineseDate("2026-11-25T02:00:00Z")).toBe("2026年11月25日");
    expect(escapeHtml(`&<>"'`)).toBe("&amp;&lt;&gt;&quot;&#39;");
  });
});

describe("chineseDateTime", () => {
  it("reads an instant in Beijing time, and a deadline at midnight as 24:00 of the day it ends", () => {
    expect(chineseDateTime("2026-05-25T09:30:00.000Z")).toBe("2026年5月25日 17:30");
    expect(chineseDateTime("2026-05-25T16:00:00.000Z")).toBe("2026年5月25日 24:00");
    expect(chineseDateTime("2026-12-31T16:00:00.000Z")).toBe("2026年12月31日 24:00");
  });
});
