//! The demo organisation (`acre demo`, `acre serve --demo`): the departments of
//! seed 003 §1 and one account per role, all with the password `demo-pass-2026`.

use acre_store::departments::{self, DepartmentFields};
use acre_store::users::{self, UserFields};

use crate::App;
use crate::auth::hash_password;
use crate::error::Result;

/// The password of every demo account (shown on the login page in demo mode).
pub const DEMO_PASSWORD: &str = "demo-pass-2026";

/// `(username, display name, role, department index, superior username)`.
pub const DEMO_USERS: &[(&str, &str, &str, usize, Option<&str>)] = &[
    ("gm", "王建国", "general_manager", 0, None),
    ("director", "李明", "director", 1, Some("gm")),
    ("manager1", "张伟", "manager", 2, Some("director")),
    ("manager2", "刘洋", "manager", 3, Some("director")),
    ("rep1", "陈静", "rep", 2, Some("manager1")),
    ("rep2", "杨帆", "rep", 2, Some("manager1")),
    ("rep3", "赵磊", "rep", 2, Some("manager1")),
    ("rep4", "黄丽", "rep", 3, Some("manager2")),
    ("rep5", "周强", "rep", 3, Some("manager2")),
    ("rep6", "吴敏", "rep", 3, Some("manager2")),
    ("assistant", "孙悦", "assistant", 1, Some("director")),
    ("finance", "钱芳", "finance", 4, Some("gm")),
    ("admin", "系统管理员", "admin", 0, None),
];

/// `(name, parent index, head username)`: 总经理室 → 大客户部 (→ 一组, 二组), 财务部.
const DEMO_DEPARTMENTS: &[(&str, Option<usize>, &str)] = &[
    ("总经理室", None, "gm"),
    ("大客户部", Some(0), "director"),
    ("一组", Some(1), "manager1"),
    ("二组", Some(1), "manager2"),
    ("财务部", Some(0), "finance"),
];

impl App {
    /// Load the demo organisation unless it is already there. Returns whether
    /// anything was created.
    pub async fn load_demo(&self) -> Result<bool> {
        if users::credentials(&self.db, "gm").await?.is_some() {
            return Ok(false);
        }
        // One hash for all demo accounts: they share the published password.
        let hash = hash_password(DEMO_PASSWORD).await?;
        let mut tx = self.db.begin().await?;
        let mut dept_ids = Vec::new();
        for (i, (name, parent, _)) in DEMO_DEPARTMENTS.iter().enumerate() {
            let f = DepartmentFields {
                name: (*name).to_string(),
                parent_id: parent.map(|p| dept_ids[p]),
                head_user_id: None,
                sort_order: i as i64,
            };
            dept_ids.push(departments::insert(&mut tx, &f, None).await?);
        }
        let mut user_ids: Vec<(&str, i64)> = Vec::new();
        for (username, name, role, dept, superior) in DEMO_USERS {
            let superior_id =
                superior.and_then(|s| user_ids.iter().find(|(u, _)| *u == s).map(|(_, id)| *id));
            let f = UserFields {
                username: (*username).to_string(),
                display_name: (*name).to_string(),
                role: (*role).to_string(),
                department_id: Some(dept_ids[*dept]),
                superior_id,
                active: true,
                locale: "zh-CN".into(),
                email: Some(format!("{username}@acre-demo.cn")),
                phone: None,
            };
            let id = users::insert(&mut tx, &f, &hash, None).await?;
            user_ids.push((username, id));
        }
        for (i, (_, _, head)) in DEMO_DEPARTMENTS.iter().enumerate() {
            if let Some((_, id)) = user_ids.iter().find(|(u, _)| u == head) {
                departments::set_head(&mut tx, dept_ids[i], *id).await?;
            }
        }
        tx.commit().await?;
        // Sales materials, written by the key-account director.
        if let Some((director, _)) = users::credentials(&self.db, "director").await? {
            crate::kb_demo::load(self, &crate::Actor::new(director, None)).await?;
        }
        crate::customers::load_demo(self).await?;
        crate::pipeline::load_demo(self).await?;
        Ok(true)
    }
}
