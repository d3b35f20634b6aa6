import { describe, expect, it } from "vitest";
import { maskForList, maskPersonalData, maskPhone, maskResidentId, maskText } from "./personal-data.ts";

describe("personal data masking (DOMAIN.md)", () => {
  it("masks a resident ID as 110105********002X", () => {
    expect(maskResidentId("11010519491231002X")).toBe("110105********002X");
  });

  it("masks a mobile number", () => {
    expect(maskPhone("13812345678")).toBe("138****5678");
  });

  it("masks email addresses", () => {
    expect(maskText("发送至 wang.xiaoming@example.cn 成功")).toBe("发送至 w***@example.cn 成功");
  });

  it("masks every ID and mobile inside free text", () => {
    expect(maskText("申请人11010519491231002X，电话13812345678，工单2024001")).toBe(
      "申请人110105********002X，电话138****5678，工单2024001",
    );
  });

  it("drops secrets by key and masks strings in any log record", () => {
    const record = { authorization: "Bearer abc", caller: { phone: "13912345678" } };
    expect(JSON.parse(JSON.stringify(record, maskPersonalData))).toEqual({
      authorization: "[redacted]",
      caller: { phone: "139****5678" },
    });
  });

  it("masks a postal address by its key, whatever its shape (an object, a DynamoDB image, text)", () => {
    const record = {
      address: { recipient: "王小明", street: "中关村大街27号", phone: "13912345678" },
      NewImage: { street: { S: "中关村大街27号" } },
      delivery: { street: "中关村大街27号" },
    };
    expect(JSON.stringify(record, maskPersonalData)).not.toContain("中关村");
  });

  it("masks inside a string that is itself JSON (a logged request body or queue message)", () => {
    const event = {
      body: JSON.stringify({
        applicant: { idNumber: "11010519491231002X" },
        address: { street: "中关村大街27号" },
      }),
    };
    const logged = JSON.stringify(event, maskPersonalData);
    expect(logged).not.toMatch(/11010519491231002X|中关村/);
    expect(JSON.parse(JSON.parse(logged).body)).toEqual({
      applicant: { idNumber: "110105********002X" },
      address: "[masked]",
    });
  });
});

describe("the list rule (issue 15): one function for every list", () => {
  it("masks ID, phone and email fields anywhere, numbers inside free text, and leaves ids and codes alone", () => {
    // Arrange
    const item = {
      id: "app_01JSEED13812345678000001",
      applicant: { kind: "person", name: "王小明", idNumber: "11010519491231002X", phone: "13812345678" },
      contacts: [{ email: "wang@example.cn", mobile: "13912345678" }],
      content: "我的身份证号11010519491231002X，电话13812345678",
      reasons: ["联系13712345678"],
      creditCode: "9144030071526726XG",
      count: 13812345678,
    };

    // Act
    const masked = maskForList(item);

    // Assert
    expect(masked).toEqual({
      id: "app_01JSEED13812345678000001",
      applicant: { kind: "person", name: "王小明", idNumber: "110105********002X", phone: "138****5678" },
      contacts: [{ email: "w***@example.cn", mobile: "139****5678" }],
      content: "我的身份证号110105********002X，电话138****5678",
      reasons: ["联系137****5678"],
      creditCode: "9144030071526726XG",
      count: 13812345678,
    });
    expect(item.applicant.idNumber).toBe("11010519491231002X");
  });
});
