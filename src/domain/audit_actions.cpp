#include "domain/audit_actions.hpp"

#include <array>

namespace the5hc::domain {

namespace {
constexpr std::array<Label, 51> kLabels{{
      {"client_created", "회원 등록", "Client created"},
      {"client_updated", "회원 수정", "Client updated"},
      {"client_deleted", "회원 삭제", "Client deleted"},
      {"client_reassigned", "담당 트레이너 변경", "Client reassigned"},
      {"client_exported", "회원 내보내기", "Clients exported"},
      {"assessment_created", "평가 등록", "Assessment created"},
      {"assessment_updated", "평가 수정", "Assessment updated"},
      {"assessment_deleted", "평가 삭제", "Assessment deleted"},
      {"mcq_saved", "설문 저장", "Questionnaire saved"},
      {"mcq_cleared", "설문 삭제", "Questionnaire cleared"},
      {"mcq_category_created", "설문 카테고리 등록", "Questionnaire category created"},
      {"mcq_category_updated", "설문 카테고리 수정", "Questionnaire category updated"},
      {"mcq_category_deleted", "설문 카테고리 삭제", "Questionnaire category deleted"},
      {"mcq_question_created", "설문 질문 등록", "Questionnaire question created"},
      {"mcq_question_updated", "설문 질문 수정", "Questionnaire question updated"},
      {"mcq_question_deleted", "설문 질문 삭제", "Questionnaire question deleted"},
      {"report_generated", "보고서 생성", "Report generated"},
      {"report_deleted", "보고서 삭제", "Report deleted"},
      {"share_link_created", "공유 링크 생성", "Share link created"},
      {"share_link_revoked", "공유 링크 해지", "Share link revoked"},
      {"package_created", "패키지 등록", "Package created"},
      {"package_updated", "패키지 수정", "Package updated"},
      {"package_topped_up", "크레딧 충전", "Package topped up"},
      {"session_created", "세션 예약", "Session booked"},
      {"session_completed", "세션 완료", "Session completed"},
      {"session_cancelled", "세션 취소", "Session cancelled"},
      {"session_no_show", "노쇼", "Session no-show"},
      {"payment_recorded", "결제 기록", "Payment recorded"},
      {"payment_deleted", "결제 삭제", "Payment deleted"},
      {"fee_calculated", "수수료 계산", "Fee calculated"},
      {"trainer_updated", "트레이너 수정", "Trainer updated"},
      {"trainer_deactivated", "트레이너 비활성화", "Trainer deactivated"},
      {"trainer_activated", "트레이너 활성화", "Trainer activated"},
      {"role_changed", "역할 변경", "Role changed"},
      {"invitation_sent", "초대 발송", "Invitation sent"},
      {"invitation_accepted", "초대 수락", "Invitation accepted"},
      {"invitation_declined", "초대 거절", "Invitation declined"},
      {"invitation_cancelled", "초대 취소", "Invitation cancelled"},
      {"organization_created", "조직 등록", "Organization created"},
      {"organization_updated", "조직 수정", "Organization updated"},
      {"user_created", "계정 등록", "User created"},
      {"user_updated", "계정 수정", "User updated"},
      {"login_success", "로그인 성공", "Login succeeded"},
      {"login_failed", "로그인 실패", "Login failed"},
      {"logout", "로그아웃", "Logout"},
      {"account_locked", "계정 잠김", "Account locked"},
      {"refresh_token_reused", "토큰 재사용 감지", "Refresh token reused"},
      {"password_changed", "비밀번호 변경", "Password changed"},
      {"password_upgraded", "비밀번호 형식 갱신", "Password hash upgraded"},
      {"legacy_import", "기존 데이터 가져오기", "Legacy import"},
      {"assessments_recalculated", "평가 재계산", "Assessments recalculated"},
}};
}  // namespace

std::span<const Label> audit_action_labels() { return kLabels; }

const Label* audit_action_label(std::string_view action) {
  for (const auto& l : kLabels)
    if (action == l.code) return &l;
  return nullptr;
}

}  // namespace the5hc::domain
